package dev.crm.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * prometheus/targets.yml: where the targets of each scrape job are, per environment.
 * Every target file Prometheus reads is written from it: the native ones by the launcher
 * at start, the compose ones into prometheus/targets/compose/.
 */
public final class TargetList {

	public static final Path FILE = StackFiles.ROOT.resolve("prometheus/targets.yml");

	/** What compose mounts over targets/. */
	public static final Path COMPOSE_DIRECTORY = StackFiles.ROOT.resolve("prometheus/targets/compose");

	/** A native address, alone or in a URL. */
	private static final Pattern NATIVE_ADDRESS = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

	private final Map<String, Map<String, Object>> jobs;

	private TargetList(Map<String, Map<String, Object>> jobs) {
		this.jobs = jobs;
	}

	public static TargetList read() {
		Map<String, Map<String, Object>> jobs = new LinkedHashMap<>();
		StackFiles.yaml(FILE).forEach((job, entry) -> jobs.put(job, StackFiles.map(entry)));
		return new TargetList(jobs);
	}

	/** Every port the native targets name. */
	public Set<Integer> nativePorts() {
		Set<Integer> ports = new TreeSet<>();
		for (String job : this.jobs.keySet()) {
			for (String target : targets(job, "native")) {
				Matcher address = NATIVE_ADDRESS.matcher(target);
				while (address.find()) {
					ports.add(Integer.parseInt(address.group(1)));
				}
			}
		}
		return ports;
	}

	/** The port of the job's first native target, e.g. 9090 for prometheus. */
	public int nativePort(String job) {
		Matcher address = NATIVE_ADDRESS.matcher(targets(job, "native").getFirst());
		if (!address.find()) {
			throw new IllegalStateException(job + "'s native target in " + FILE + " is not on 127.0.0.1");
		}
		return Integer.parseInt(address.group(1));
	}

	/**
	 * The target file of each job in Prometheus' file_sd format, by file name.
	 * @param environment {@code native} or {@code compose}
	 * @param port the port that stands for each native port in this run; compose's
	 * addresses are left as they are
	 */
	public Map<String, Object> files(String environment, IntUnaryOperator port) {
		Map<String, Object> files = new LinkedHashMap<>();
		this.jobs.forEach((job, entry) -> {
			Map<String, Object> labels = new LinkedHashMap<>();
			labels.put("service", entry.get("service"));
			if (entry.get("prober") instanceof String prober) {
				labels.put("__blackbox_exporter", moved(targets(prober, environment).getFirst(), port));
			}
			Map<String, Object> group = new LinkedHashMap<>();
			group.put("targets", targets(job, environment).stream().map((target) -> moved(target, port)).toList());
			group.put("labels", labels);
			files.put(job + ".yml", List.of(group));
		});
		return files;
	}

	/** The files of prometheus/targets/compose/ as they must read, by file name. */
	public Map<String, String> composeFiles() {
		Map<String, String> files = new LinkedHashMap<>();
		files("compose", IntUnaryOperator.identity()).forEach((name, groups) -> files.put(name,
				"# Written from prometheus/targets.yml by `bash scripts/stack.sh compose-targets`; edit that list.\n"
						+ StackFiles.yamlText(groups)));
		return files;
	}

	private List<String> targets(String job, String environment) {
		Map<String, Object> entry = this.jobs.get(job);
		if (entry == null || !(entry.get(environment) instanceof List<?> targets) || targets.isEmpty()) {
			throw new IllegalStateException(FILE + " has no " + environment + " targets for " + job);
		}
		List<String> text = new ArrayList<>();
		targets.forEach((target) -> text.add(String.valueOf(target)));
		return text;
	}

	private static String moved(String target, IntUnaryOperator port) {
		Matcher address = NATIVE_ADDRESS.matcher(target);
		StringBuilder moved = new StringBuilder();
		while (address.find()) {
			address.appendReplacement(moved, "127.0.0.1:" + port.applyAsInt(Integer.parseInt(address.group(1))));
		}
		return address.appendTail(moved).toString();
	}

}
