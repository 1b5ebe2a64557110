package dev.crm.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository's prometheus/ and alertmanager/ files, copied into the run's directory
 * with only what must differ on a test machine rewritten:
 * <ul>
 * <li>target addresses, to the ports this run uses;</li>
 * <li>scrape and evaluation intervals, and Alertmanager's {@code group_wait},
 * {@code group_interval} and {@code repeat_interval}, all divided by {@link #FACTOR}; the
 * scrape timeout only as far as the shorter scrape interval requires;</li>
 * <li>secret files, to files in the run's directory;</li>
 * <li>receiver URLs, to the local capture server;</li>
 * <li>the times of the {@code business-hours} interval, to cover now or exclude it.</li>
 * </ul>
 * Rules, their {@code for:} durations and windows, routes, matchers, inhibitions and
 * templates are used exactly as shipped.
 */
final class StackConfig {

	/** Every interval above is divided by this one factor; semantics stay. */
	static final int FACTOR = 10;

	static final Path ROOT = findRoot();

	private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");

	private static final Pattern ADDRESS = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

	private static final List<String> DAYS = List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
			"saturday");

	private final Path directory;

	private final Map<Integer, Integer> ports;

	private final Map<String, Object> alertmanager;

	/**
	 * @param directory the run's directory
	 * @param ports the native port of each target (as in prometheus/targets/*.yml) to the
	 * port this run uses
	 * @param secrets file name under /run/secrets to its content for this run
	 * @param receiverUrls receiver name to the URL that stands in for it
	 */
	StackConfig(Path directory, Map<Integer, Integer> ports, Map<String, String> secrets,
			Map<String, String> receiverUrls) {
		this.directory = directory;
		this.ports = ports;
		try {
			writePrometheus();
			Path secretDirectory = Files.createDirectories(directory.resolve("secrets"));
			for (Map.Entry<String, String> secret : secrets.entrySet()) {
				Files.writeString(secretDirectory.resolve(secret.getKey()), secret.getValue());
			}
			copyTree(ROOT.resolve("alertmanager/templates"), directory.resolve("alertmanager/templates"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.alertmanager = rewriteAlertmanager(yaml(ROOT.resolve("alertmanager/alertmanager.yml")), receiverUrls);
	}

	Path prometheusConfig() {
		return this.directory.resolve("prometheus/prometheus.yml");
	}

	Path alertmanagerConfig() {
		return this.directory.resolve("alertmanager/alertmanager.yml");
	}

	static Duration shorten(Duration duration) {
		return duration.dividedBy(FACTOR);
	}

	/**
	 * Writes alertmanager.yml with the {@code business-hours} times set so that now is
	 * inside ({@code covering}) or outside them. A Saturday or Sunday is outside Monday
	 * to Friday at any time of day, so only then are the weekdays widened too.
	 * @return a one-line account of the rewrite, for the run's report
	 */
	String writeAlertmanager(boolean covering) {
		Map<String, Object> timeInterval = businessHours();
		ZoneId zone = ZoneId.of((String) timeInterval.getOrDefault("location", "UTC"));
		ZonedDateTime now = ZonedDateTime.now(zone);
		LocalTime time = now.toLocalTime();
		List<Map<String, String>> times = new ArrayList<>();
		String weekdays = String.valueOf(timeInterval.get("weekdays"));
		if (covering) {
			// An hour either side of now, split at midnight so that it still covers now
			// if the run crosses midnight.
			int from = time.toSecondOfDay() / 60 - 60;
			int to = time.toSecondOfDay() / 60 + 60;
			times.add(range(Math.max(0, from), Math.min(24 * 60, to)));
			if (from < 0) {
				times.add(range(24 * 60 + from, 24 * 60));
			}
			if (to > 24 * 60) {
				times.add(range(0, to - 24 * 60));
			}
			Set<DayOfWeek> allowed = weekdays(timeInterval);
			if (!allowed.contains(now.getDayOfWeek()) || !allowed.contains(now.plusHours(1).getDayOfWeek())
					|| !allowed.contains(now.minusHours(1).getDayOfWeek())) {
				timeInterval.put("weekdays", List.of("sunday:saturday"));
				weekdays = "sunday:saturday (it is "
						+ now.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.ROOT) + " in "
						+ zone + ")";
			}
		}
		else {
			// Later today, or earlier today near midnight: outside now for at least an
			// hour, also across midnight.
			int minute = time.toSecondOfDay() / 60;
			times.add((minute < 22 * 60) ? range(minute + 60, minute + 120) : range(minute - 120, minute - 60));
		}
		timeInterval.put("times", times);
		dump(this.alertmanager, alertmanagerConfig());
		return "business-hours " + times + " on " + weekdays + " in " + zone + " (now " + time.withNano(0) + ")";
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
		Path targets = Files.createDirectories(target.resolve("targets"));
		try (Stream<Path> files = Files.list(ROOT.resolve("prometheus/targets"))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".yml")).toList()) {
				List<Object> groups = new Yaml(new LoaderOptions()).load(Files.readString(file));
				dump(rewriteStrings(groups, this::rewriteAddress), targets.resolve(file.getFileName()));
			}
		}
	}

	private String rewriteAddress(String value) {
		Matcher matcher = ADDRESS.matcher(value);
		StringBuilder rewritten = new StringBuilder();
		while (matcher.find()) {
			Integer port = this.ports.get(Integer.parseInt(matcher.group(1)));
			if (port == null) {
				throw new IllegalStateException("No port of this run stands for " + matcher.group() + " in " + value);
			}
			matcher.appendReplacement(rewritten, "127.0.0.1:" + port);
		}
		return matcher.appendTail(rewritten).toString();
	}

	private Map<String, Object> rewriteAlertmanager(Map<String, Object> config, Map<String, String> receiverUrls) {
		shortenRoute(map(config.get("route")));
		for (Map<String, Object> receiver : list(config.get("receivers"))) {
			String url = receiverUrls.get((String) receiver.get("name"));
			for (Map<String, Object> pagerDuty : list(receiver.get("pagerduty_configs"))) {
				pagerDuty.put("url", url);
			}
			for (Map<String, Object> webhook : list(receiver.get("webhook_configs"))) {
				webhook.put("url", url);
			}
		}
		Path secrets = this.directory.resolve("secrets");
		return rewriteStrings(config, (value) -> value.startsWith("/run/secrets/")
				? secrets.resolve(value.substring("/run/secrets/".length())).toString() : value);
	}

	private Map<String, Object> businessHours() {
		for (Map<String, Object> interval : list(this.alertmanager.get("time_intervals"))) {
			if ("business-hours".equals(interval.get("name"))) {
				List<Map<String, Object>> specs = list(interval.get("time_intervals"));
				if (specs.size() != 1) {
					throw new IllegalStateException("business-hours has " + specs.size() + " specs; expected one");
				}
				return specs.getFirst();
			}
		}
		throw new IllegalStateException("alertmanager.yml has no business-hours time interval");
	}

	private static Set<DayOfWeek> weekdays(Map<String, Object> timeInterval) {
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		for (Object entry : (List<?>) timeInterval.getOrDefault("weekdays", List.of("sunday:saturday"))) {
			String[] bounds = entry.toString().toLowerCase(Locale.ROOT).split(":");
			int from = DAYS.indexOf(bounds[0]);
			int to = DAYS.indexOf(bounds[bounds.length - 1]);
			for (int day = from; day <= to; day++) {
				days.add(DayOfWeek.of((day == 0) ? 7 : day));
			}
		}
		return days;
	}

	private static Map<String, String> range(int fromMinute, int toMinute) {
		Map<String, String> range = new LinkedHashMap<>();
		range.put("start_time", clock(fromMinute));
		range.put("end_time", clock(toMinute));
		return range;
	}

	private static String clock(int minute) {
		return String.format("%02d:%02d", minute / 60, minute % 60);
	}

	private static void shortenRoute(Map<String, Object> route) {
		shortenDurations(route, List.of("group_wait", "group_interval", "repeat_interval"));
		list(route.get("routes")).forEach(StackConfig::shortenRoute);
	}

	/**
	 * A timeout is not an interval: divided by ten, the blackbox probe's budget (the
	 * scrape timeout less the exporter's 0.5 s offset) would fall to 0.5 s, below the 1 s
	 * the probes promise, and a stalled second on a busy machine would drop a sample and
	 * restart every {@code for:}. It stays as shipped, capped at the (shortened) scrape
	 * interval as Prometheus requires.
	 */
	private static void boundTimeout(Map<String, Object> map, String timeout, String interval) {
		if (timeout != null) {
			Duration shipped = parseDuration(timeout);
			Duration cap = parseDuration(interval);
			map.put("scrape_timeout", ((shipped.compareTo(cap) > 0) ? cap : shipped).toMillis() + "ms");
		}
	}

	private static void shortenDurations(Map<String, Object> map, List<String> keys) {
		for (String key : keys) {
			if (map.get(key) instanceof String value) {
				map.put(key, shorten(parseDuration(value)).toMillis() + "ms");
			}
		}
	}

	/** Prometheus' duration syntax, e.g. {@code 1h30m}. */
	static Duration parseDuration(String text) {
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

	static Map<String, Object> yaml(Path file) {
		try {
			return new Yaml(new LoaderOptions()).load(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> list(Object value) {
		return (value != null) ? (List<Map<String, Object>>) value : List.of();
	}

	private static void dump(Object document, Path file) {
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, new Yaml(options).dump(document));
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

	private static Path findRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("pom.xml"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("Run the tests from the repository (no pom.xml above)");
		}
		return dir;
	}

}
