package dev.crm.monitoring;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.crm.stack.StackFiles;
import dev.crm.stack.TargetList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.FileSystemUtils;

import static dev.crm.monitoring.MonitoringStack.PROMETHEUS;
import static dev.crm.monitoring.MonitoringStack.ROOT;
import static dev.crm.monitoring.MonitoringStack.list;
import static dev.crm.monitoring.MonitoringStack.map;
import static dev.crm.monitoring.MonitoringStack.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * prometheus/: the configuration, the rules and their unit tests, checked by the real
 * {@code promtool}; and the alert conventions of STYLE.md.
 */
class PrometheusRulesTests {

	private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|y|w|d|h|m|s)");

	@Test
	void configIsValidWithNativeTargets(@TempDir Path dir) {
		// The native target files exist only as the launcher writes them.
		StackFiles files = new StackFiles(dir, IntUnaryOperator.identity(), 1, ROOT.resolve("secrets.example"),
				Map.of())
			.write();
		run(files.prometheusConfig().getParent(), "promtool", "check", "config", "prometheus.yml").assertSuccess();
	}

	@Test
	void configIsValidWithComposeTargets(@TempDir Path dir) throws IOException {
		Files.copy(PROMETHEUS.resolve("prometheus.yml"), dir.resolve("prometheus.yml"));
		FileSystemUtils.copyRecursively(PROMETHEUS.resolve("rules"), dir.resolve("rules"));
		FileSystemUtils.copyRecursively(PROMETHEUS.resolve("targets/compose"), dir.resolve("targets"));
		Set<String> composeTargetFiles = fileNames(dir.resolve("targets"));
		assertThat(composeTargetFiles).as("compose target files mirror the native ones")
			.isEqualTo(TargetList.read().files("native", IntUnaryOperator.identity()).keySet());
		run(dir, "promtool", "check", "config", "prometheus.yml").assertSuccess();
	}

	@Test
	void rulesAreValid() {
		List<String> command = new ArrayList<>(List.of("promtool", "check", "rules"));
		MonitoringStack.files(PROMETHEUS.resolve("rules"), ".yml")
			.forEach((file) -> command.add(PROMETHEUS.relativize(file).toString()));
		run(PROMETHEUS, command.toArray(String[]::new)).assertSuccess();
	}

	@Test
	void ruleUnitTestsPass() {
		List<String> command = new ArrayList<>(List.of("promtool", "test", "rules"));
		List<Path> tests = MonitoringStack.files(PROMETHEUS.resolve("tests"), "_test.yml");
		assertThat(tests).isNotEmpty();
		tests.forEach((file) -> command.add(PROMETHEUS.relativize(file).toString()));
		run(PROMETHEUS, command.toArray(String[]::new)).assertSuccess();
	}

	@Test
	void blackboxModulesAreValid() {
		run(PROMETHEUS, "prometheus-blackbox-exporter", "--config.file=blackbox.yml", "--config.check").assertSuccess();
	}

	@Test
	void definesExactlyTheAgreedAlerts() {
		assertThat(MonitoringStack.alerts().keySet()).containsExactlyInAnyOrderElementsOf(MonitoringStack.ALERT_NAMES);
	}

	@Test
	void everyAlertHasSeveritySummaryDescriptionRunbookAndDashboard() {
		Set<String> dashboardUids = DashboardLintTests.dashboards()
			.stream()
			.map((dashboard) -> dashboard.get("uid").asString())
			.collect(Collectors.toSet());
		AlertLinks links = AlertLinks.read();
		MonitoringStack.alerts().forEach((name, rule) -> {
			Map<String, Object> labels = map(rule.get("labels"));
			Map<String, Object> annotations = map(rule.get("annotations"));
			assertThat((String) labels.get("severity")).as("%s severity", name)
				.isIn("critical", "warning", "info", "none");
			String summary = (String) annotations.get("summary");
			assertThat(summary).as("%s summary: one static sentence", name).endsWith(".").doesNotContain("{{");
			String description = (String) annotations.get("description");
			assertThat(description).as("%s description", name).isNotBlank();
			if (!name.equals("Watchdog")) {
				// The Watchdog carries no value that matters: it always fires.
				assertThat(description).as("%s description is templated", name).contains("{{");
			}
			// Links are relative to the one base in alertmanager/templates/links.tmpl.
			String runbookUrl = (String) annotations.get("runbook_url");
			assertThat(URI.create(runbookUrl).isAbsolute()).as("%s runbook_url %s is relative", name, runbookUrl)
				.isFalse();
			assertThat(links.runbook(runbookUrl)).as("%s runbook_url", name).endsWith("/runbooks/" + name + ".md");
			assertThat(MonitoringStack.RUNBOOKS.resolve(name + ".md")).as("%s runbook file", name).exists();
			String relativeDashboardUrl = (String) annotations.get("dashboard_url");
			assertThat(URI.create(relativeDashboardUrl).isAbsolute())
				.as("%s dashboard_url %s is relative", name, relativeDashboardUrl)
				.isFalse();
			String dashboardUrl = links.dashboard(relativeDashboardUrl);
			Matcher uid = Pattern.compile("/d/([A-Za-z0-9_-]+)").matcher(String.valueOf(dashboardUrl));
			assertThat(uid.find()).as("%s dashboard_url %s links a dashboard UID", name, dashboardUrl).isTrue();
			assertThat(dashboardUids).as("%s dashboard_url names an existing dashboard", name).contains(uid.group(1));
		});
	}

	/**
	 * STYLE.md: for each alert, a test that it is quiet one step before {@code for}, one
	 * that it fires, and one that it resolves. The Watchdog always fires by design.
	 */
	@Test
	void everyAlertIsTestedQuietFiringAndResolved() {
		Map<String, List<List<Check>>> checksByAlert = new LinkedHashMap<>();
		for (Path file : MonitoringStack.files(PROMETHEUS.resolve("tests"), "_test.yml")) {
			for (Map<String, Object> test : list(MonitoringStack.yaml(file).get("tests"))) {
				Map<String, List<Check>> inThisTest = new LinkedHashMap<>();
				for (Map<String, Object> check : list(test.get("alert_rule_test"))) {
					inThisTest.computeIfAbsent((String) check.get("alertname"), (name) -> new ArrayList<>())
						.add(new Check(millis(String.valueOf(check.get("eval_time"))),
								!list(check.get("exp_alerts")).isEmpty()));
				}
				inThisTest.forEach(
						(name, checks) -> checksByAlert.computeIfAbsent(name, (n) -> new ArrayList<>()).add(checks));
			}
		}
		for (String name : MonitoringStack.ALERT_NAMES) {
			List<List<Check>> tests = checksByAlert.getOrDefault(name, List.of());
			assertThat(tests.stream().flatMap(List::stream).anyMatch(Check::firing)).as("%s is tested firing", name)
				.isTrue();
			if (!name.equals("Watchdog")) {
				assertThat(tests.stream().anyMatch(PrometheusRulesTests::quietThenFiringThenResolved))
					.as("%s has a test that is quiet before firing and resolves afterwards", name)
					.isTrue();
			}
		}
	}

	private static boolean quietThenFiringThenResolved(List<Check> checks) {
		List<Check> sorted = checks.stream().sorted((a, b) -> Long.compare(a.at(), b.at())).toList();
		int firstFiring = -1;
		for (int i = 0; i < sorted.size(); i++) {
			if (sorted.get(i).firing()) {
				firstFiring = i;
				break;
			}
		}
		if (firstFiring <= 0) {
			return false;
		}
		boolean quietBefore = !sorted.get(firstFiring - 1).firing();
		boolean resolvedAfter = sorted.subList(firstFiring, sorted.size()).stream().anyMatch((c) -> !c.firing());
		return quietBefore && resolvedAfter;
	}

	private static long millis(String duration) {
		Matcher matcher = DURATION.matcher(duration);
		long total = 0;
		while (matcher.find()) {
			long n = Long.parseLong(matcher.group(1));
			total += switch (matcher.group(2)) {
				case "ms" -> n;
				case "s" -> n * 1000;
				case "m" -> n * 60_000;
				case "h" -> n * 3_600_000;
				case "d" -> n * 86_400_000;
				case "w" -> n * 7 * 86_400_000;
				default -> n * 365 * 86_400_000;
			};
		}
		return total;
	}

	private static Set<String> fileNames(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter(Files::isRegularFile)
				.map((file) -> file.getFileName().toString())
				.collect(Collectors.toSet());
		}
	}

	private record Check(long at, boolean firing) {
	}

}
