package dev.crm.observability.metrics;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.crm.support.Api;
import dev.crm.support.ObservedIntegrationTestBase;
import dev.crm.support.PrometheusScrape.Sample;
import dev.crm.support.PrometheusScrape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PrometheusEndpointIntegrationTests extends ObservedIntegrationTestBase {

	private static final String HTTP_BUCKET = "http_server_requests_seconds_bucket";

	@Test
	void exposesOnlyHealthInfoAndPrometheusOnTheManagementPort() {
		Api management = this.app.management();
		for (String exposed : List.of("health", "info", "prometheus")) {
			assertThat(management.get("/actuator/" + exposed).status()).as(exposed).isEqualTo(200);
		}
		for (String hidden : List.of("env", "heapdump", "threaddump", "beans", "mappings", "loggers", "configprops",
				"metrics", "shutdown")) {
			assertThat(management.get("/actuator/" + hidden).status()).as("management port " + hidden).isEqualTo(404);
			assertThat(api().get("/actuator/" + hidden).status()).as("API port " + hidden).isEqualTo(404);
		}
	}

	@Test
	void servesPrometheusTextByDefaultAndOpenMetricsWhenAsked() {
		Api management = this.app.management();
		Api.Response text = management.get("/actuator/prometheus");
		assertThat(text.header("Content-Type")).startsWith("text/plain;version=0.0.4");

		Api.Response openMetrics = management.send(HttpRequest.newBuilder(management.uri("/actuator/prometheus")).GET(),
				Map.of("Accept", PrometheusScrape.OPENMETRICS));
		assertThat(openMetrics.header("Content-Type")).startsWith("application/openmetrics-text");
		assertThat(openMetrics.body()).endsWith("# EOF\n");
	}

	@Test
	void recordsApiRequestsByRouteTemplateWithSloBuckets() {
		long campaign = api().createCampaign("route templates");
		api().get("/api/v1/campaigns/" + campaign);

		List<Sample> buckets = scrape().samples(HTTP_BUCKET,
				(sample) -> sample.has("uri", "/api/v1/campaigns/{id}") && sample.has("status", "200"));
		assertThat(buckets).isNotEmpty();
		assertThat(buckets.stream().map((sample) -> sample.label("le"))).contains("0.1", "0.3", "0.8", "2.0", "+Inf")
			.hasSizeLessThanOrEqualTo(14);
		Sample bucket = buckets.get(0);
		assertThat(bucket.labels()).containsEntry("application", "crm-api")
			.containsEntry("env", "local")
			.containsEntry("method", "GET")
			.containsEntry("outcome", "SUCCESS")
			.containsEntry("exception", "none")
			.containsEntry("traffic", "api")
			.containsKeys("status", "uri");
		assertThat(scrape().samples("http_server_requests_seconds_count",
				(sample) -> sample.has("uri", "/api/v1/campaigns") && sample.has("method", "POST")
						&& sample.has("status", "201")))
			.isNotEmpty();
	}

	@Test
	void neverUsesARawPathAsUri() {
		long campaign = api().createCampaign("raw paths");
		api().get("/api/v1/campaigns/" + campaign + "/stats");
		api().get("/api/v1/leads/987654321");
		api().get("/api/v1/no-such-thing/42");
		api().get("/no-such-page");

		Set<String> uris = scrape().samples(HTTP_BUCKET)
			.stream()
			.map((sample) -> sample.label("uri"))
			.collect(Collectors.toSet());
		assertThat(uris).contains("/api/v1/campaigns/{id}/stats", "/api/v1/leads/{id}", "NOT_FOUND");
		assertThat(uris).allSatisfy((uri) -> assertThat(uri).doesNotContainPattern("/\\d+").doesNotContain("no-such"));
		assertThat(scrape().samples(HTTP_BUCKET, (sample) -> sample.has("uri", "NOT_FOUND")
				&& sample.has("traffic", "api") && sample.has("status", "404")))
			.isNotEmpty();
		assertThat(scrape().samples(HTTP_BUCKET,
				(sample) -> sample.has("uri", "NOT_FOUND") && sample.has("traffic", "other")))
			.isNotEmpty();
	}

	@Test
	void tellsProbeAndActuatorTrafficApartFromApiTraffic() {
		api().get("/live");
		api().get("/actuator/env");

		Set<String> traffic = scrape().samples(HTTP_BUCKET)
			.stream()
			.map((sample) -> sample.label("traffic"))
			.collect(Collectors.toSet());
		assertThat(traffic).contains("probe", "actuator").isSubsetOf("api", "probe", "actuator", "other", "rejected");
	}

	@Test
	void exportsDependencyRuntimeAndCacheMetrics() {
		long campaign = api().createCampaign("dependencies");
		String stats = "/api/v1/campaigns/" + campaign + "/stats";
		double hitsBefore = sum(scrape(), "cache_gets_total", "hit");
		api().get(stats);
		// The cache is Redis with a 250 ms command timeout, and a timed-out get or put is
		// bypassed by design; on a loaded machine one can be. Repeating the read until it
		// is served from the cache keeps the assertion about the exported hit, not about
		// the timing of one command.
		await("a stats cache hit exported").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			api().get(stats);
			assertThat(sum(scrape(), "cache_gets_total", "hit")).isGreaterThan(hitsBefore);
		});

		PrometheusScrape scrape = scrape();
		assertThat(scrape.samples("hikaricp_connections_max", (s) -> s.has("pool", "crm"))).isNotEmpty();
		assertThat(scrape.samples("hikaricp_connections_acquire_seconds_count")).isNotEmpty();
		assertThat(scrape.metricFamilies()).contains("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total",
				"jvm_threads_live_threads", "jvm_classes_loaded_classes", "process_cpu_usage",
				"process_uptime_seconds");
		assertThat(scrape.samples("logback_events_total", (s) -> s.has("level", "info"))).isNotEmpty();
		assertThat(sum(scrape, "cache_gets_total", "miss")).isPositive();
		assertThat(scrape.samples("cache_puts_total", (s) -> s.has("cache", "campaignStats"))).extracting(Sample::value)
			.anySatisfy((value) -> assertThat(value).isPositive());
		assertThat(scrape.samples("lettuce_seconds_count", (s) -> s.has("db_operation", "GET"))).isNotEmpty();
		assertThat(scrape.samples("crm_db_operation_seconds_count", (s) -> s.has("operation", "campaign.existsById")))
			.isNotEmpty();
		assertThat(scrape.samples("crm_db_operation_seconds_bucket", (s) -> s.has("operation", "campaign.insert")))
			.extracting((s) -> s.label("le"))
			.contains("0.1", "1.0", "+Inf");
	}

	@Test
	void keepsTheInFlightTimerFreeOfBucketsAndLeavesRepositoryCallsInFlightToHikari() {
		PrometheusScrape scrape = scrape();
		assertThat(scrape.metricFamilies())
			.contains("http_server_requests_active_seconds", "hikaricp_connections_active")
			.doesNotContain("crm_db_operation_active_seconds");
		assertThat(scrape.samples("http_server_requests_active_seconds_bucket")).isEmpty();
	}

	private static double sum(PrometheusScrape scrape, String name, String result) {
		return scrape.samples(name, (s) -> s.has("cache", "campaignStats") && s.has("result", result))
			.stream()
			.mapToDouble(Sample::value)
			.sum();
	}

}
