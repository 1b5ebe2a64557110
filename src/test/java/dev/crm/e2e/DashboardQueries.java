package dev.crm.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.crm.stack.StackFiles;
import tools.jackson.databind.JsonNode;

/**
 * Sends every panel's queries to Prometheus the way Grafana would: the dashboard's
 * default time range, its template variables resolved against Prometheus (the current
 * value if it still exists, else the first), and Grafana's built-in variables:
 * {@code $__interval} from the range and the panel's width on a 1920-pixel screen, never
 * below the datasource's scrape interval; {@code $__rate_interval} as
 * {@code max($__interval + scrape interval, 4 × scrape interval)}; {@code $__range} as
 * the range in seconds. Range queries for time series, instant queries where the target
 * asks for them.
 */
final class DashboardQueries {

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*(\\w+)\\)");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::[^}]*)?}|\\$(\\w+)|\\[\\[(\\w+)]]");

	private final PrometheusApi prometheus;

	private final Duration scrapeInterval;

	DashboardQueries(PrometheusApi prometheus) {
		this.prometheus = prometheus;
		this.scrapeInterval = provisionedScrapeInterval();
	}

	/** Every panel of every dashboard, queried at {@code now}. */
	List<Panel> queryAll(Instant now) {
		return queryAll(now, Map.of());
	}

	/**
	 * Every panel of every dashboard, queried at {@code now}, with a variable set to a
	 * value it offers (a user's choice in the drop-down) instead of the default.
	 */
	List<Panel> queryAll(Instant now, Map<String, String> chosen) {
		List<Panel> panels = new ArrayList<>();
		for (Path file : dashboardFiles()) {
			JsonNode dashboard = read(file);
			Duration range = relative(dashboard.path("time").path("from").asString("now-6h"));
			Map<String, String> variables = resolveVariables(dashboard, chosen, new LinkedHashMap<>());
			for (JsonNode panel : panels(dashboard)) {
				panels.add(query(dashboard.path("uid").asString(), panel, variables, range, now));
			}
		}
		return panels;
	}

	private Panel query(String dashboard, JsonNode panel, Map<String, String> dashboardVariables, Duration range,
			Instant now) {
		String title = panel.path("title").asString();
		String description = panel.path("description").asString();
		if (!isPrometheus(panel.path("datasource").path("uid").asString(), dashboardVariables)) {
			return new Panel(dashboard, title, description, false, List.of(), List.of());
		}
		Duration interval = interval(range, panel.path("gridPos").path("w").asInt(24));
		Map<String, String> variables = new LinkedHashMap<>(dashboardVariables);
		variables.put("__interval", interval.toSeconds() + "s");
		variables.put("__interval_ms", Long.toString(interval.toMillis()));
		variables.put("__rate_interval",
				max(interval.plus(this.scrapeInterval), this.scrapeInterval.multipliedBy(4)).toSeconds() + "s");
		variables.put("__range", range.toSeconds() + "s");
		variables.put("__range_s", Long.toString(range.toSeconds()));
		variables.put("__range_ms", Long.toString(range.toMillis()));
		List<String> withData = new ArrayList<>();
		List<String> empty = new ArrayList<>();
		for (JsonNode target : panel.path("targets")) {
			if (target.path("hide").asBoolean(false)) {
				continue;
			}
			String expr = substitute(target.path("expr").asString(), variables);
			JsonNode result = target.path("instant").asBoolean(false) ? this.prometheus.query(expr, now)
					: this.prometheus.queryRange(expr, now.minus(range), now, interval.toSeconds());
			(result.isEmpty() ? empty : withData).add(expr);
		}
		return new Panel(dashboard, title, description, true, withData, empty);
	}

	/** The values each query variable of a dashboard offers now, by variable name. */
	Map<String, List<String>> variableValues(String uid) {
		for (Path file : dashboardFiles()) {
			JsonNode dashboard = read(file);
			if (dashboard.path("uid").asString().equals(uid)) {
				Map<String, List<String>> offered = new LinkedHashMap<>();
				resolveVariables(dashboard, Map.of(), offered);
				return offered;
			}
		}
		throw new IllegalArgumentException("No dashboard " + uid);
	}

	/**
	 * Query variables in order, each resolved with the ones before it, as Grafana does on
	 * load.
	 */
	private Map<String, String> resolveVariables(JsonNode dashboard, Map<String, String> chosen,
			Map<String, List<String>> offered) {
		Map<String, String> variables = new LinkedHashMap<>();
		for (JsonNode variable : dashboard.path("templating").path("list")) {
			String name = variable.path("name").asString();
			switch (variable.path("type").asString()) {
				case "datasource" -> variables.put(name, variable.path("current").path("value").asString());
				// A free-text filter (request_id, trace_id on the log panel): as shipped,
				// empty.
				case "textbox" -> variables.put(name, variable.path("current").path("value").asString(""));
				case "query" -> {
					Matcher labelValues = LABEL_VALUES.matcher(variable.path("definition").asString());
					if (!labelValues.matches()) {
						throw new IllegalStateException("Unsupported variable query in " + dashboard.path("uid") + ": "
								+ variable.path("definition").asString());
					}
					List<String> values = this.prometheus.labelValues(substitute(labelValues.group(1), variables),
							labelValues.group(2));
					offered.put(name, values);
					String current = chosen.getOrDefault(name, variable.path("current").path("value").asString(""));
					variables.put(name, values.contains(current) ? current : values.isEmpty() ? "" : values.getFirst());
				}
				default -> throw new IllegalStateException(
						"Unsupported variable type " + variable.path("type") + " in " + dashboard.path("uid"));
			}
		}
		return variables;
	}

	/**
	 * Whether a panel's datasource is the Prometheus one (directly or through a
	 * variable).
	 */
	private static boolean isPrometheus(String uid, Map<String, String> variables) {
		Matcher reference = VARIABLE.matcher(uid);
		String resolved = reference.matches() ? variables.get(name(reference)) : uid;
		return "prometheus".equals(resolved);
	}

	private static String substitute(String text, Map<String, String> variables) {
		Matcher matcher = VARIABLE.matcher(text);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String value = variables.get(name(matcher));
			if (value == null) {
				throw new IllegalStateException("Unknown variable " + matcher.group() + " in " + text);
			}
			matcher.appendReplacement(result, Matcher.quoteReplacement(value));
		}
		return matcher.appendTail(result).toString();
	}

	private static String name(Matcher matcher) {
		for (int group = 1; group <= 3; group++) {
			if (matcher.group(group) != null) {
				return matcher.group(group);
			}
		}
		throw new IllegalStateException(matcher.group());
	}

	/**
	 * Grafana's {@code $__interval}: the range over the panel's width in pixels (24 grid
	 * columns on a 1920-pixel screen), rounded as Grafana rounds it, and no shorter than
	 * the scrape interval.
	 */
	private Duration interval(Duration range, int gridWidth) {
		long maxDataPoints = gridWidth * 1920L / 24;
		return max(round(range.toMillis() / maxDataPoints), this.scrapeInterval);
	}

	/** Grafana's {@code rangeutil.roundInterval}, down to seconds. */
	private static Duration round(long millis) {
		long[][] steps = { { 1500, 1000 }, { 3500, 2000 }, { 7500, 5000 }, { 12500, 10000 }, { 17500, 15000 },
				{ 25000, 20000 }, { 45000, 30000 }, { 90000, 60000 }, { 210000, 120000 }, { 450000, 300000 },
				{ 1050000, 600000 }, { 2100000, 900000 }, { 4500000, 1800000 }, { 9000000, 3600000 } };
		for (long[] step : steps) {
			if (millis < step[0]) {
				return Duration.ofMillis(step[1]);
			}
		}
		return Duration.ofHours(2);
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	private static Duration relative(String from) {
		if (!from.startsWith("now-")) {
			throw new IllegalStateException("Unsupported dashboard time range: " + from);
		}
		return StackFiles.parseDuration(from.substring("now-".length()));
	}

	/**
	 * The Prometheus datasource's {@code timeInterval}, which Grafana treats as the
	 * scrape interval.
	 */
	private static Duration provisionedScrapeInterval() {
		Map<String, Object> provisioning = StackFiles
			.yaml(StackConfig.ROOT.resolve("grafana/provisioning/datasources/datasources.yml"));
		for (Map<String, Object> datasource : StackFiles.list(provisioning.get("datasources"))) {
			if ("prometheus".equals(datasource.get("type"))) {
				Object interval = StackFiles.map(datasource.getOrDefault("jsonData", Map.of())).get("timeInterval");
				return (interval != null) ? StackFiles.parseDuration(interval.toString()) : Duration.ofSeconds(15);
			}
		}
		throw new IllegalStateException("No Prometheus datasource is provisioned");
	}

	private static List<Path> dashboardFiles() {
		try (Stream<Path> files = Files.list(StackConfig.ROOT.resolve("grafana/dashboards"))) {
			return files.filter((file) -> file.toString().endsWith(".json")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static JsonNode read(Path file) {
		try {
			return Http.JSON.readTree(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<JsonNode> panels(JsonNode dashboard) {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			if (!panel.path("type").asString().equals("row")) {
				panels.add(panel);
			}
			panel.path("panels").forEach(panels::add);
		}
		return panels;
	}

	/**
	 * One panel's outcome.
	 *
	 * @param dashboard the dashboard's uid
	 * @param title the panel's title
	 * @param description the panel's description
	 * @param prometheus whether it queries Prometheus (others are not sent)
	 * @param withData the queries, as sent, that returned data
	 * @param empty the queries, as sent, that returned nothing
	 */
	record Panel(String dashboard, String title, String description, boolean prometheus, List<String> withData,
			List<String> empty) {

		String name() {
			return this.dashboard + " / " + this.title;
		}

		boolean hasData() {
			return this.prometheus && this.empty.isEmpty() && !this.withData.isEmpty();
		}

	}

}
