package dev.crm.monitoring;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static dev.crm.monitoring.MonitoringStack.ALERTMANAGER;
import static dev.crm.monitoring.MonitoringStack.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * alertmanager/: the configuration and its routing tree, checked by the real
 * {@code amtool}.
 */
class AlertmanagerConfigTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void configIsValid() {
		run(ALERTMANAGER, "amtool", "check-config", "alertmanager.yml").assertSuccess();
	}

	@Test
	void criticalPages() {
		assertRoute("pager", "alertname=HighErrorRate", "severity=critical", "service=crm-api");
	}

	@Test
	void warningGoesToChat() {
		assertRoute("chat", "alertname=SlowAPI", "severity=warning", "service=crm-api");
	}

	@Test
	void securityAlertsAreTicketsNotPages() {
		for (String alert : List.of("AuthenticationFailureSpike", "RateLimitRejectionsSustained",
				"AuthorizationDenialSpike")) {
			// The rule says warning, and warning routes to chat in business hours: a
			// ticket.
			assertThat(MonitoringStack.map(MonitoringStack.alerts().get(alert).get("labels")).get("severity")).as(alert)
				.isEqualTo("warning");
			assertRoute("chat", "alertname=" + alert, "severity=warning", "service=crm-api");
		}
	}

	@Test
	void infoGoesNowhere() {
		assertRoute("null", "alertname=Anything", "severity=info");
	}

	@Test
	void watchdogGoesToTheHeartbeat() {
		assertRoute("heartbeat", "alertname=Watchdog", "severity=none");
	}

	@Test
	void criticalWarningAndWatchdogReachThreeDifferentReceivers() {
		assertThat(List.of(route("severity=critical"), route("severity=warning"), route("alertname=Watchdog")))
			.doesNotHaveDuplicates();
	}

	@Test
	void warningsAreMutedOutsideBusinessHours() {
		Map<String, Object> config = MonitoringStack.yaml(ALERTMANAGER.resolve("alertmanager.yml"));
		Map<String, Object> warningRoute = MonitoringStack.list(MonitoringStack.map(config.get("route")).get("routes"))
			.stream()
			.filter((route) -> String.valueOf(route.get("matchers")).contains("severity=\"warning\""))
			.findFirst()
			.orElseThrow();
		assertThat(warningRoute.get("active_time_intervals")).isEqualTo(List.of("business-hours"));
	}

	@Test
	void secretsAreReadFromFiles() {
		String config = MonitoringStack.read(ALERTMANAGER.resolve("alertmanager.yml"));
		assertThat(config).contains("routing_key_file:", "api_url_file:", "credentials_file:")
			.doesNotContainPattern("(?m)^\\s*(routing_key|service_key|api_url|credentials):");
	}

	@Test
	void templatesRender() {
		for (String template : List.of("crm.title", "crm.summary", "crm.description", "crm.runbook", "crm.dashboard",
				"crm.slack.text")) {
			run(ALERTMANAGER, "amtool", "template", "render", "--template.glob=templates/*.tmpl",
					"--template.text={{ template \"" + template + "\" . }}")
				.assertSuccess();
		}
	}

	/**
	 * Every alert's notification links are the base in links.tmpl followed by the rule's
	 * relative link, rendered by the real templates.
	 */
	@Test
	void notificationLinksAreTheBasesFollowedByTheRulesLinks(@TempDir Path dir) throws IOException {
		AlertLinks links = AlertLinks.read();
		for (Map.Entry<String, Map<String, Object>> alert : MonitoringStack.alerts().entrySet()) {
			Map<String, Object> annotations = MonitoringStack.map(alert.getValue().get("annotations"));
			String runbookUrl = (String) annotations.get("runbook_url");
			String dashboardUrl = (String) annotations.get("dashboard_url");
			Map<String, Object> firing = Map.of("status", "firing", "labels", Map.of("alertname", alert.getKey()),
					"annotations", Map.of("runbook_url", runbookUrl, "dashboard_url", dashboardUrl));
			Path data = dir.resolve(alert.getKey() + ".json");
			JSON.writeValue(data.toFile(), Map.of("status", "firing", "alerts", List.of(firing)));
			String rendered = run(ALERTMANAGER, "amtool", "template", "render", "--template.glob=templates/*.tmpl",
					"--template.data=" + data,
					"--template.text={{ template \"crm.runbook\" . }} {{ template \"crm.dashboard\" . }}")
				.assertSuccess()
				.output()
				.strip();
			assertThat(rendered).as("links of %s", alert.getKey())
				.isEqualTo(links.runbook(runbookUrl) + " " + links.dashboard(dashboardUrl));
		}
	}

	private static void assertRoute(String receiver, String... labels) {
		String[] command = new String[labels.length + 6];
		System.arraycopy(new String[] { "amtool", "config", "routes", "test", "--config.file=alertmanager.yml",
				"--verify.receivers=" + receiver }, 0, command, 0, 6);
		System.arraycopy(labels, 0, command, 6, labels.length);
		run(ALERTMANAGER, command).assertSuccess();
	}

	private static String route(String... labels) {
		String[] command = new String[labels.length + 5];
		System.arraycopy(new String[] { "amtool", "config", "routes", "test", "--config.file=alertmanager.yml" }, 0,
				command, 0, 5);
		System.arraycopy(labels, 0, command, 5, labels.length);
		String output = run(ALERTMANAGER, command).assertSuccess().output();
		return output.lines().filter((line) -> !line.startsWith("Warning")).reduce((a, b) -> b).orElse("").strip();
	}

}
