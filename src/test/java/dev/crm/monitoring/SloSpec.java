package dev.crm.monitoring;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.crm.monitoring.MonitoringStack.list;
import static dev.crm.monitoring.MonitoringStack.map;

/**
 * prometheus/slos.yml read into records and checked, so that a spec the rules cannot
 * honour (an alert window that is not recorded, a short window longer than its long one,
 * an SLI with no events) fails with a message instead of generating an alert that never
 * fires.
 */
record SloSpec(String service, String by, String period, List<String> windows, String requests,
		BigDecimal minRequestsPerMinute, AlertWindows page, AlertWindows ticket, List<Slo> slos) {

	private static final Pattern DURATION = Pattern.compile("(\\d+)([mhd])");

	SloSpec {
		windows = List.copyOf(windows);
		slos = List.copyOf(slos);
		require(!slos.isEmpty(), "slos: at least one SLO");
		require(windows.contains(period), "windows: must record the period " + period);
		for (AlertWindows alertWindows : List.of(page, ticket)) {
			for (Row row : alertWindows.rows()) {
				require(windows.contains(row.longWindow()) && windows.contains(row.shortWindow()),
						"alert_windows: " + row + " reads a window that is not in windows " + windows);
			}
		}
	}

	static SloSpec read(Path file) {
		Map<String, Object> spec = MonitoringStack.yaml(file);
		Map<String, Object> alertWindows = map(spec.get("alert_windows"));
		return new SloSpec(text(spec, "service"), text(spec, "by"), duration(spec, "period"),
				windows(spec.get("windows")), text(spec, "requests"), number(spec, "min_requests_per_minute"),
				AlertWindows.of(map(alertWindows.get("page")), "page"),
				AlertWindows.of(map(alertWindows.get("ticket")), "ticket"),
				list(spec.get("slos")).stream().map(Slo::of).toList());
	}

	/** One SLO: an objective over the period, its SLI, and the alerts on its budget. */
	record Slo(String name, BigDecimal objective, String description, String errors, String success, String record,
			String dashboard, Alert page, Alert ticket) {

		Slo {
			require(objective.signum() > 0 && objective.compareTo(BigDecimal.valueOf(100)) < 0,
					name + ": objective must be a percentage between 0 and 100, not " + objective);
			require((errors == null) != (success == null),
					name + ": sli needs exactly one of errors (bad events) or success (good events)");
		}

		static Slo of(Map<String, Object> slo) {
			String name = text(slo, "name");
			Map<String, Object> sli = map(slo.get("sli"));
			Map<String, Object> alerting = map(slo.get("alerting"));
			return new Slo(name, number(slo, "objective"), text(slo, "description"), (String) sli.get("errors"),
					(String) sli.get("success"), text(slo, "record"), text(alerting, "dashboard"),
					Alert.of(map(alerting.get("page")), name + ".alerting.page"),
					Alert.of(map(alerting.get("ticket")), name + ".alerting.ticket"));
		}

		/** The share of requests allowed to be bad: 100% minus the objective, exactly. */
		BigDecimal errorBudget() {
			return BigDecimal.valueOf(100).subtract(this.objective).movePointLeft(2).stripTrailingZeros();
		}

	}

	/** The name and the static one-sentence summary of one alert on an SLO's budget. */
	record Alert(String name, String summary) {

		static Alert of(Map<String, Object> alert, String where) {
			return new Alert(text(alert, "name", where), text(alert, "summary", where));
		}

	}

	/** A kind of burn-rate alert (page or ticket): its severity, its `for`, its rows. */
	record AlertWindows(String severity, String pendingFor, List<Row> rows) {

		static AlertWindows of(Map<String, Object> windows, String kind) {
			List<Row> rows = list(windows.get("rows")).stream()
				.map((row) -> new Row(duration(row, "long"), duration(row, "short"), number(row, "burn_rate")))
				.toList();
			require(!rows.isEmpty(), "alert_windows." + kind + ": at least one row");
			return new AlertWindows(text(windows, "severity", kind), duration(windows, "for"), rows);
		}

	}

	/** Both windows must burn faster than {@code burnRate}. */
	record Row(String longWindow, String shortWindow, BigDecimal burnRate) {

		Row {
			require(millis(shortWindow) < millis(longWindow),
					"alert_windows: short window " + shortWindow + " must be shorter than long window " + longWindow);
			require(burnRate.signum() > 0, "alert_windows: burn_rate must be positive, not " + burnRate);
		}

		@Override
		public String toString() {
			return this.longWindow + "/" + this.shortWindow + " over " + this.burnRate.toPlainString() + "x";
		}

	}

	private static List<String> windows(Object windows) {
		require(windows instanceof List<?>, "windows: a list of durations is required");
		return ((List<?>) windows).stream().map(String::valueOf).map(SloSpec::duration).toList();
	}

	private static String text(Map<String, Object> map, String key) {
		return text(map, key, "spec");
	}

	private static String text(Map<String, Object> map, String key, String where) {
		Object value = map.get(key);
		require(value != null && !value.toString().isBlank(), where + ": " + key + " is required");
		return value.toString();
	}

	private static BigDecimal number(Map<String, Object> map, String key) {
		// Through the YAML text, so 99.9 is exactly 99.9 and 100 - 99.9 exactly 0.1.
		return new BigDecimal(text(map, key));
	}

	private static String duration(Map<String, Object> map, String key) {
		return duration(text(map, key));
	}

	private static String duration(String duration) {
		millis(duration);
		return duration;
	}

	private static long millis(String duration) {
		Matcher matcher = DURATION.matcher(duration);
		require(matcher.matches(), "'" + duration + "' is not a duration in m, h or d (such as 5m, 6h, 30d)");
		long amount = Long.parseLong(matcher.group(1));
		return switch (matcher.group(2)) {
			case "m" -> Duration.ofMinutes(amount).toMillis();
			case "h" -> Duration.ofHours(amount).toMillis();
			default -> Duration.ofDays(amount).toMillis();
		};
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException("prometheus/slos.yml: " + message);
		}
	}

}
