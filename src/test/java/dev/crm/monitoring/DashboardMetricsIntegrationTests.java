package dev.crm.monitoring;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.RunningApp;
import dev.crm.support.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dashboards and alerts only show what exists. Every metric name a dashboard query or an
 * alert rule names must be in a real scrape of the running app, in the checked-in list of
 * exporter metrics ({@code exporter-metrics.txt}, with its sources), or be a recording
 * rule. A little traffic first makes the lazily registered meters appear, refusals
 * included: a client bucket small enough for one burst to exceed it.
 */
@IntegrationTest
@TestPropertySource(properties = { "crm.security.rate-limit.client.capacity=" + DashboardMetricsIntegrationTests.BURST,
		"crm.security.rate-limit.client.per-second=1" })
class DashboardMetricsIntegrationTests {

	static final int BURST = 60;

	private static final Pattern SAMPLE_NAME = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)");

	@Autowired
	RunningApp app;

	@Test
	void everyMetricThatDashboardsAndAlertsNameExists() {
		driveTraffic();
		Map<String, Set<String>> referenced = referencedMetrics();
		Set<String> known = new HashSet<>(exporterMetrics());
		known.addAll(MonitoringStack.recordingRuleNames());
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			Set<String> scraped = sampleNames(scrape());
			Map<String, Set<String>> missing = new TreeMap<>(referenced);
			missing.keySet().removeIf((name) -> scraped.contains(name) || known.contains(name));
			StringBuilder report = new StringBuilder();
			missing.forEach((name, usedBy) -> report.append("\n  ").append(name).append("  used by ").append(usedBy));
			assertThat(missing)
				.as("%d metric name(s) used by dashboards or alert rules are neither in the app's scrape (%d names), "
						+ "nor in exporter-metrics.txt, nor recording rules:%s", missing.size(), scraped.size(), report)
				.isEmpty();
		});
	}

	@Test
	void apiLatencyHistogramHasTheSloBuckets() {
		driveTraffic();
		String scrape = scrape();
		for (String le : List.of("0.1", "0.3", "0.8", "2.0")) {
			assertThat(scrape.lines()
				.filter((line) -> line.startsWith("http_server_requests_seconds_bucket{"))
				.anyMatch((line) -> line.contains("traffic=\"api\"") && line.contains("le=\"" + le + "\"")))
				.as("an http_server_requests_seconds_bucket series with traffic=\"api\" and le=\"%s\", "
						+ "which the SLO recording rules and SlowAPI select", le)
				.isTrue();
		}
	}

	private void driveTraffic() {
		Api api = this.app.api();
		long campaign = api.createCampaign("metrics " + UUID.randomUUID());
		long lead = api.createLead(campaign, "metrics-" + UUID.randomUUID() + "@example.com");
		String key = UUID.randomUUID().toString();
		String replayed = Api.leadJson(campaign, "replay-" + key + "@example.com");
		api.postJson("/api/v1/leads", replayed, Map.of("Idempotency-Key", key));
		api.postJson("/api/v1/leads", replayed, Map.of("Idempotency-Key", key));
		api.get("/api/v1/campaigns/" + campaign + "/stats");
		api.get("/api/v1/campaigns/" + campaign + "/stats");
		api.send(HttpRequest.newBuilder(api.uri("/api/v1/leads/" + lead + "/conversion"))
			.POST(HttpRequest.BodyPublishers.noBody()), Map.of());
		api.get("/api/v1/campaigns?page=0&size=10");
		api.get("/api/v1/campaigns/999999999");
		api.get("/no-such-route");
		api.get("/health");
		api.get("/ready");
		api.get("/live");
		// Refusals: no token (401), a read-only client writing (403), and a client of its
		// own over its bucket (429), so the security meters exist.
		api.withoutToken().get("/api/v1/campaigns/" + campaign);
		api.withToken(TestTokens.builder().subject("read-only-" + UUID.randomUUID()).scope("crm.read").sign())
			.postJson("/api/v1/campaigns", "{\"name\":\"denied\",\"channel\":\"EMAIL\"}");
		Api burst = api.withToken(TestTokens.builder().subject("burst-" + UUID.randomUUID()).sign());
		for (int i = 0; i <= BURST; i++) {
			burst.get("/api/v1/campaigns/" + campaign);
		}
		// The GC meters (pause timer, live data size) appear after the first collection.
		System.gc();
	}

	private String scrape() {
		Api.Response response = this.app.management().get("/actuator/prometheus");
		assertThat(response.status())
			.as("GET /actuator/prometheus on the management port (the app must expose the prometheus endpoint "
					+ "there; body: %s)", response.body())
			.isEqualTo(200);
		return response.body();
	}

	private static Set<String> sampleNames(String exposition) {
		Set<String> names = new TreeSet<>();
		exposition.lines().filter((line) -> !line.startsWith("#")).forEach((line) -> {
			Matcher matcher = SAMPLE_NAME.matcher(line);
			if (matcher.find()) {
				names.add(matcher.group(1));
			}
		});
		return names;
	}

	/** Metric name to the dashboards, panels and rules that use it. */
	private static Map<String, Set<String>> referencedMetrics() {
		Map<String, Set<String>> referenced = new TreeMap<>();
		for (JsonNode dashboard : DashboardLintTests.dashboards()) {
			String uid = dashboard.path("uid").asString();
			for (JsonNode panel : DashboardLintTests.panels(dashboard)) {
				for (String query : DashboardLintTests.prometheusQueries(panel)) {
					PromQl.metricNames(query)
						.forEach((name) -> referenced.computeIfAbsent(name, (n) -> new TreeSet<>())
							.add(uid + " / " + panel.path("title").asString()));
				}
			}
			for (JsonNode variable : dashboard.path("templating").path("list")) {
				if (variable.path("type").asString().equals("query")) {
					PromQl.variableMetricNames(variable.path("definition").asString())
						.forEach((name) -> referenced.computeIfAbsent(name, (n) -> new TreeSet<>())
							.add(uid + " / variable " + variable.path("name").asString()));
				}
			}
		}
		for (Map<String, Object> rule : MonitoringStack.rules()) {
			String ruleName = String.valueOf(rule.containsKey("alert") ? rule.get("alert") : rule.get("record"));
			PromQl.metricNames(String.valueOf(rule.get("expr")))
				.forEach((name) -> referenced.computeIfAbsent(name, (n) -> new TreeSet<>()).add("rule " + ruleName));
		}
		return referenced;
	}

	private static Set<String> exporterMetrics() {
		Path list = MonitoringStack.ROOT.resolve("src/test/resources/dev/crm/monitoring/exporter-metrics.txt");
		Set<String> names = new HashSet<>();
		MonitoringStack.read(list)
			.lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.forEach(names::add);
		return names;
	}

}
