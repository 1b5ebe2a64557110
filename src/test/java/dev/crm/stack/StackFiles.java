package dev.crm.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository's prometheus/ and alertmanager/ files, copied into a run's directory
 * with only what must differ in that run rewritten:
 * <ul>
 * <li>target addresses: the target files are written from prometheus/targets.yml, each
 * native port moved to the one this run uses;</li>
 * <li>scrape and evaluation intervals, and Alertmanager's {@code group_wait},
 * {@code group_interval} and {@code repeat_interval}, all divided by one divisor (1 for a
 * native stack); the scrape timeout only as far as a shorter scrape interval
 * requires;</li>
 * <li>secret files: {@code /run/secrets/} (compose's secrets) becomes the run's directory
 * of secrets;</li>
 * <li>receiver URLs, where the run names a stand-in for a receiver.</li>
 * </ul>
 * Rules, their {@code for:} durations and windows, routes, matchers, inhibitions and
 * templates are used exactly as shipped.
 */
public final class StackFiles {

	public static final Path ROOT = findRoot();

	private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");

	private final Path directory;

	private final IntUnaryOperator ports;

	private final int divisor;

	private final Map<String, Object> alertmanager;

	private final TargetList targets = TargetList.read();

	/**
	 * @param directory the run's directory
	 * @param ports the port this run uses for each native port of prometheus/targets.yml
	 * @param divisor what every interval is divided by
	 * @param secrets the directory that stands for {@code /run/secrets/}
	 * @param receiverUrls receiver name to the URL that stands in for it; receivers not
	 * named keep their URLs
	 */
	public StackFiles(Path directory, IntUnaryOperator ports, int divisor, Path secrets,
			Map<String, String> receiverUrls) {
		this.directory = directory;
		this.ports = ports;
		this.divisor = divisor;
		this.alertmanager = rewriteAlertmanager(yaml(ROOT.resolve("alertmanager/alertmanager.yml")), secrets,
				receiverUrls);
	}

	/**
	 * Writes prometheus/ (configuration, rules, target files) and alertmanager/
	 * (configuration, templates) into the run's directory, afresh: a rule file removed
	 * from the repository goes too.
	 */
	public StackFiles write() {
		try {
			deleteTree(this.directory.resolve("prometheus"));
			deleteTree(this.directory.resolve("alertmanager"));
			writePrometheus();
			copyTree(ROOT.resolve("alertmanager/templates"), this.directory.resolve("alertmanager/templates"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		writeAlertmanager();
		return this;
	}

	public Path prometheusConfig() {
		return this.directory.resolve("prometheus/prometheus.yml");
	}

	public Path alertmanagerConfig() {
		return this.directory.resolve("alertmanager/alertmanager.yml");
	}

	/** The port this run uses for the job of prometheus/targets.yml. */
	public int port(String job) {
		return this.ports.applyAsInt(this.targets.nativePort(job));
	}

	public Duration shorten(Duration duration) {
		return duration.dividedBy(this.divisor);
	}

	/**
	 * alertmanager.yml as written, for a run to change and write again with
	 * {@link #writeAlertmanager()}.
	 */
	public Map<String, Object> alertmanager() {
		return this.alertmanager;
	}

	public void writeAlertmanager() {
		dump(this.alertmanager, alertmanagerConfig());
	}

	private void writePrometheus() throws IOException {
		Path target = Files.createDirectories(this.directory.resolve("prometheus"));
		copyTree(ROOT.resolve("prometheus/rules"), target.resolve("rules"));
		Map<String, Object> config = yaml(ROOT.resolve("prometheus/prometheus.yml"));
		Map<String, Object> global = map(config.get("global"));
		String shippedTimeout = (String) global.get("scrape_timeout");
		shortenDurations(global, List.of("scrape_interval", "evaluation_interval"));
		boundTimeout(global, shippedTimeout, (String) global.get("scrape_interval"));
		for (Map<String, Object> job : list(config.get("scrape_configs"))) {
			String jobTimeout = (String) job.get("scrape_timeout");
			shortenDurations(job, List.of("scrape_interval"));
			if (job.get("scrape_interval") instanceof String interval) {
				boundTimeout(job, (jobTimeout != null) ? jobTimeout : shippedTimeout, interval);
			}
		}
		dump(config, target.resolve("prometheus.yml"));
		this.targets.files("native", this.ports)
			.forEach((name, groups) -> dump(groups, target.resolve("targets").resolve(name)));
	}

	private Map<String, Object> rewriteAlertmanager(Map<String, Object> config, Path secrets,
			Map<String, String> receiverUrls) {
		shortenRoute(map(config.get("route")));
		for (Map<String, Object> receiver : list(config.get("receivers"))) {
			String url = receiverUrls.get((String) receiver.get("name"));
			if (url != null) {
				list(receiver.get("pagerduty_configs")).forEach((pagerDuty) -> pagerDuty.put("url", url));
				list(receiver.get("webhook_configs")).forEach((webhook) -> webhook.put("url", url));
			}
		}
		return rewriteStrings(config, (value) -> value.startsWith("/run/secrets/")
				? secrets.resolve(value.substring("/run/secrets/".length())).toString() : value);
	}

	private void shortenRoute(Map<String, Object> route) {
		shortenDurations(route, List.of("group_wait", "group_interval", "repeat_interval"));
		list(route.get("routes")).forEach(this::shortenRoute);
	}

	/**
	 * A timeout is not an interval: divided by ten, the blackbox probe's budget (the
	 * scrape timeout less the exporter's 0.5 s offset) would fall to 0.5 s, below the 1 s
	 * the probes promise, and a stalled second on a busy machine would drop a sample and
	 * restart every {@code for:}. It stays as shipped, capped at the (shortened) scrape
	 * interval as Prometheus requires.
	 */
	private void boundTimeout(Map<String, Object> map, String timeout, String interval) {
		if (timeout != null && this.divisor != 1) {
			Duration shipped = parseDuration(timeout);
			Duration cap = parseDuration(interval);
			map.put("scrape_timeout", ((shipped.compareTo(cap) > 0) ? cap : shipped).toMillis() + "ms");
		}
	}

	private void shortenDurations(Map<String, Object> map, List<String> keys) {
		for (String key : keys) {
			if (map.get(key) instanceof String value && this.divisor != 1) {
				map.put(key, shorten(parseDuration(value)).toMillis() + "ms");
			}
		}
	}

	/** Prometheus' duration syntax, e.g. {@code 1h30m}. */
	public static Duration parseDuration(String text) {
		Matcher matcher = DURATION.matcher(text);
		Duration total = Duration.ZERO;
		int end = 0;
		while (matcher.find()) {
			if (matcher.start() != end) {
				throw new IllegalArgumentException("Not a duration: " + text);
			}
			end = matcher.end();
			long amount = Long.parseLong(matcher.group(1));
			total = total.plus(switch (matcher.group(2)) {
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				case "d" -> Duration.ofDays(amount);
				case "w" -> Duration.ofDays(7 * amount);
				default -> Duration.ofDays(365 * amount);
			});
		}
		if (end != text.length()) {
			throw new IllegalArgumentException("Not a duration: " + text);
		}
		return total;
	}

	@SuppressWarnings("unchecked")
	private static <T> T rewriteStrings(T node, UnaryOperator<String> rewrite) {
		if (node instanceof Map<?, ?> map) {
			((Map<Object, Object>) map).replaceAll((key, value) -> rewriteStrings(value, rewrite));
		}
		else if (node instanceof List<?> list) {
			((List<Object>) list).replaceAll((value) -> rewriteStrings(value, rewrite));
		}
		else if (node instanceof String text) {
			return (T) rewrite.apply(text);
		}
		return node;
	}

	public static Map<String, Object> yaml(Path file) {
		try {
			return new Yaml(new LoaderOptions()).load(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	public static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	public static List<Map<String, Object>> list(Object value) {
		return (value != null) ? (List<Map<String, Object>>) value : List.of();
	}

	/** A YAML document in block style, the style of the repository's own files. */
	public static String yamlText(Object document) {
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		return new Yaml(options).dump(document);
	}

	private static void dump(Object document, Path file) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, yamlText(document));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void copyTree(Path from, Path to) throws IOException {
		Files.createDirectories(to);
		try (Stream<Path> files = Files.list(from)) {
			for (Path file : files.toList()) {
				Files.copy(file, to.resolve(file.getFileName()));
			}
		}
	}

	/** Deletes a directory and everything under it, if it exists. */
	public static void deleteTree(Path directory) throws IOException {
		if (Files.exists(directory)) {
			try (Stream<Path> files = Files.walk(directory)) {
				for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(file);
				}
			}
		}
	}

	private static Path findRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("pom.xml"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("Run from the repository (no pom.xml above)");
		}
		return dir;
	}

}
