package dev.crm.monitoring;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static dev.crm.monitoring.MonitoringStack.ALERTMANAGER;
import static dev.crm.monitoring.MonitoringStack.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * alertmanager/: the configuration and its routing tree, checked by the real
 * {@code amtool}.
 */
class AlertmanagerConfigTests {

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
