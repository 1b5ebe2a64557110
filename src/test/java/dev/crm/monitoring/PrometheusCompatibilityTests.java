package dev.crm.monitoring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.crm.monitoring.MonitoringStack.GRAFANA;
import static dev.crm.monitoring.MonitoringStack.PROMETHEUS;
import static dev.crm.monitoring.MonitoringStack.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules, rule tests, dashboards and the PromQL in runbooks, docs and the README mean the
 * same on the Prometheus the suite runs (2.42, from Debian) and the one compose runs
 * (3.x). Prometheus 3 changed two things silently:
 * <ul>
 * <li>it normalizes {@code le} and {@code quantile} label values to floats on ingest
 * ({@code le="1"} is stored as {@code le="1.0"}), so a selector written {@code le="1"}
 * matches nothing there. Micrometer already writes floats ({@code le="2.0"}); every
 * selector and test series must too;</li>
 * <li>in a regex matcher {@code .} matches a line break too. A matcher without an
 * unescaped {@code .} cannot depend on it, so matchers spell out what they mean
 * ({@code status=~"5[0-9][0-9]"}).</li>
 * </ul>
 */
class PrometheusCompatibilityTests {

	/**
	 * A label matcher on le or quantile: name, operator and value, JSON-escaped or not.
	 */
	private static final Pattern BUCKET_LABEL = Pattern
		.compile("\\b(le|quantile)\\s*(=~|!~|!=|=)\\s*\\\\?[\"'`]([^\"'`\\\\]*)");

	/** The same labels as YAML keys, as promtool tests may write them. */
	private static final Pattern BUCKET_KEY = Pattern.compile("\\b(le|quantile):\\s*[\"']?([^\"'\\s,}]+)");

	private static final Pattern FLOAT_FORM = Pattern.compile("[+-]Inf|-?[0-9]+\\.[0-9]+([eE][+-]?[0-9]+)?");

	private static final Pattern REGEX_MATCHER = Pattern.compile("(=~|!~)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	@Test
	void everyLeAndQuantileValueIsWrittenAsAFloat() {
		List<String> integers = new ArrayList<>();
		List<String> seen = new ArrayList<>();
		for (Path file : files()) {
			String text = MonitoringStack.read(file);
			String name = ROOT.relativize(file).toString();
			Matcher matcher = BUCKET_LABEL.matcher(text);
			while (matcher.find()) {
				check(name, text, matcher.start(), matcher.group(1) + matcher.group(2) + "\"" + matcher.group(3) + "\"",
						matcher.group(3), seen, integers);
			}
			Matcher key = BUCKET_KEY.matcher(text);
			while (key.find()) {
				check(name, text, key.start(), key.group(1) + ": " + key.group(2), key.group(2), seen, integers);
			}
		}
		assertThat(seen).as("le selectors and series found (the check reads the files)").isNotEmpty();
		assertThat(integers)
			.as("le/quantile values not in float form: Prometheus 3 stores le=\"1\" as le=\"1.0\", "
					+ "so these match nothing there; write 1.0, 0.5, +Inf")
			.isEmpty();
	}

	@Test
	void noPromQlRegexUsesAnUnescapedDot() {
		List<String> expressions = new ArrayList<>();
		MonitoringStack.rules().forEach((rule) -> expressions.add(String.valueOf(rule.get("expr"))));
		MonitoringStack.files(PROMETHEUS.resolve("tests"), "_test.yml")
			.forEach((file) -> expressions.add(MonitoringStack.read(file)));
		MonitoringStack.files(ROOT.resolve("runbooks"), ".md")
			.forEach((file) -> expressions.add(MonitoringStack.read(file)));
		for (JsonNode dashboard : DashboardLintTests.dashboards()) {
			DashboardLintTests.panels(dashboard)
				.forEach((panel) -> expressions.addAll(DashboardLintTests.prometheusQueries(panel)));
			for (JsonNode variable : dashboard.path("templating").path("list")) {
				if (variable.path("type").asString().equals("query")) {
					expressions.add(variable.path("definition").asString());
				}
			}
		}
		List<String> regexes = new ArrayList<>();
		for (String expression : expressions) {
			Matcher matcher = REGEX_MATCHER.matcher(expression);
			while (matcher.find()) {
				regexes.add(matcher.group(2));
			}
		}
		assertThat(regexes).as("regex matchers found").isNotEmpty();
		assertThat(regexes).as("regex matchers whose . would also match a line break on Prometheus 3")
			.noneMatch(PrometheusCompatibilityTests::hasUnescapedDot);
	}

	/**
	 * docs/monitoring-stack.md says which versions the suite runs and which compose pins;
	 * this keeps it true when either changes.
	 */
	@Test
	void theStackDocumentNamesThePrometheusAndAlertmanagerVersionsOfTheSuiteAndOfCompose() {
		String document = MonitoringStack.read(ROOT.resolve("docs/monitoring-stack.md"));
		String promtool = MonitoringStack.run(ROOT, "promtool", "--version").assertSuccess().output();
		String amtool = MonitoringStack.run(ROOT, "amtool", "--version").assertSuccess().output();
		assertThat(document).contains("Prometheus " + minorVersion(promtool), "Alertmanager " + minorVersion(amtool));
		Map<String, Object> services = MonitoringStack
			.map(MonitoringStack.yaml(ROOT.resolve("docker-compose.monitoring.yml")).get("services"));
		for (String service : List.of("prometheus", "alertmanager")) {
			assertThat(document).contains("`" + MonitoringStack.map(services.get(service)).get("image") + "`");
		}
	}

	private static String minorVersion(String versionOutput) {
		Matcher version = Pattern.compile("version (\\d+\\.\\d+)\\.").matcher(versionOutput);
		assertThat(version.find()).as("a version in %s", versionOutput).isTrue();
		return version.group(1);
	}

	private static void check(String file, String text, int at, String found, String value, List<String> seen,
			List<String> integers) {
		seen.add(found);
		if (!FLOAT_FORM.matcher(value).matches()) {
			int line = 1 + (int) text.substring(0, at).chars().filter((c) -> c == '\n').count();
			integers.add(file + ":" + line + ": " + found);
		}
	}

	private static List<Path> files() {
		List<Path> files = new ArrayList<>();
		files.addAll(MonitoringStack.files(PROMETHEUS.resolve("rules"), ".yml"));
		files.addAll(MonitoringStack.files(PROMETHEUS.resolve("tests"), ".yml"));
		files.addAll(MonitoringStack.files(GRAFANA.resolve("dashboards"), ".json"));
		// The PromQL people copy: runbooks' diagnosis queries, the README's and the
		// documents' examples.
		files.addAll(MonitoringStack.files(ROOT.resolve("runbooks"), ".md"));
		files.addAll(MonitoringStack.files(ROOT.resolve("docs"), ".md"));
		files.add(ROOT.resolve("README.md"));
		return files;
	}

	private static boolean hasUnescapedDot(String regex) {
		boolean escaped = false;
		boolean inClass = false;
		for (char c : regex.toCharArray()) {
			if (escaped) {
				escaped = false;
			}
			else if (c == '\\') {
				escaped = true;
			}
			else if (c == '[') {
				inClass = true;
			}
			else if (c == ']') {
				inClass = false;
			}
			else if (c == '.' && !inClass) {
				return true;
			}
		}
		return false;
	}

}
