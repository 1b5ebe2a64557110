package dev.crm.monitoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.crm.monitoring.MonitoringStack.PROMETHEUS;
import static dev.crm.monitoring.MonitoringStack.ROOT;
import static dev.crm.monitoring.MonitoringStack.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * prometheus/rules/slo.yml is what prometheus/slos.yml generates. With
 * {@code -Dslo.write=true} the test writes the generated rules in place instead: that is
 * the one command that regenerates them ({@link SloRules#REGENERATE}).
 */
class SloRulesTests {

	private static final Path SPEC = PROMETHEUS.resolve("slos.yml");

	private static final Path RULES = PROMETHEUS.resolve("rules/slo.yml");

	/**
	 * Where every run leaves the generated rules, to diff against the checked-in ones.
	 */
	private static final Path GENERATED = ROOT.resolve("target/generated-rules/slo.yml");

	private static final Pattern RECORD_NAME = Pattern.compile("\\b\\w+:\\w+:\\w+\\b");

	@Test
	void checkedInRulesAreWhatTheSpecGenerates() throws IOException {
		String generated = SloRules.generate(SloSpec.read(SPEC));
		Files.createDirectories(GENERATED.getParent());
		Files.writeString(GENERATED, generated);
		if (Boolean.getBoolean("slo.write")) {
			Files.writeString(RULES, generated);
		}
		assertThat(MonitoringStack.read(RULES))
			.as("prometheus/rules/slo.yml is generated from prometheus/slos.yml and differs from what the spec"
					+ " generates now (see `diff prometheus/rules/slo.yml target/generated-rules/slo.yml`)."
					+ " Regenerate it with: %s", SloRules.REGENERATE)
			.isEqualTo(generated);
	}

	@Test
	void everyRecordAnAlertReadsIsGenerated() {
		Map<String, Object> rules = MonitoringStack.yaml(RULES);
		Set<String> records = list(rules.get("groups")).stream()
			.flatMap((group) -> list(group.get("rules")).stream())
			.filter((rule) -> rule.containsKey("record"))
			.map((rule) -> (String) rule.get("record"))
			.collect(Collectors.toSet());
		Map<String, String> alertExpressions = alertExpressions(rules);
		assertThat(alertExpressions).isNotEmpty();
		alertExpressions.forEach((alert, expr) -> {
			Matcher name = RECORD_NAME.matcher(expr);
			while (name.find()) {
				assertThat(records).as("%s reads %s", alert, name.group()).contains(name.group());
			}
		});
	}

	@Test
	void theErrorBudgetIsWhatTheObjectiveLeavesExactly(@TempDir Path dir) throws IOException {
		String availability = objectiveOf("availability");
		Map<String, String> alerts = alertExpressions(generate(dir, availability, "objective: 99.95\n"));
		assertThat(alerts.get("ErrorBudgetBurnFast"))
			.contains("service:slo_errors_per_request:ratio_rate1h / 0.0005 > 14.4");
		assertThat(alerts.get("ErrorBudgetBurnSlow"))
			.contains("service:slo_errors_per_request:ratio_rate3d / 0.0005 > 1");
		assertThat(alerts.get("LatencyBudgetBurnFast")).as("the other SLO keeps its budget")
			.isEqualTo(alertExpressions(MonitoringStack.yaml(RULES)).get("LatencyBudgetBurnFast"));
	}

	@Test
	void rejectsAnAlertWindowThatIsNotRecorded(@TempDir Path dir) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> generate(dir, "windows: [5m, 30m, 1h, 2h, 6h, 1d, 3d, 30d]",
					"windows: [5m, 30m, 1h, 2h, 6h, 1d, 30d]"))
			.withMessageContaining("3d/6h");
	}

	@Test
	void rejectsAnSliWithBothKindsOfEvents(@TempDir Path dir) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> generate(dir, "    sli:\n      errors: ",
					"    sli:\n      success: http_server_requests_seconds_bucket{le=\"0.8\"}\n      errors: "))
			.withMessageContaining("availability: sli needs exactly one of errors");
	}

	/** The line that sets an SLO's objective in the checked-in spec. */
	private static String objectiveOf(String slo) {
		Matcher objective = Pattern.compile("- name: " + slo + "\\n\\s+(objective: [0-9.]+)\\n")
			.matcher(MonitoringStack.read(SPEC));
		assertThat(objective.find()).as("slos.yml sets the objective of %s", slo).isTrue();
		return objective.group(1) + "\n";
	}

	/** The rules generated from the checked-in spec with one piece of text replaced. */
	private static Map<String, Object> generate(Path dir, String text, String replacement) throws IOException {
		String spec = MonitoringStack.read(SPEC);
		assertThat(spec).contains(text);
		Path edited = Files.writeString(dir.resolve("slos.yml"), spec.replace(text, replacement));
		Path rules = Files.writeString(dir.resolve("slo.yml"), SloRules.generate(SloSpec.read(edited)));
		return MonitoringStack.yaml(rules);
	}

	private static Map<String, String> alertExpressions(Map<String, Object> rules) {
		Map<String, String> expressions = new LinkedHashMap<>();
		for (Map<String, Object> group : list(rules.get("groups"))) {
			List<Map<String, Object>> alerts = list(group.get("rules")).stream()
				.filter((rule) -> rule.containsKey("alert"))
				.toList();
			alerts.forEach((alert) -> expressions.put((String) alert.get("alert"), (String) alert.get("expr")));
		}
		return expressions;
	}

}
