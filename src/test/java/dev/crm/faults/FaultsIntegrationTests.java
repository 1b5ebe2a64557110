package dev.crm.faults;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.LogLines;
import dev.crm.support.RunningApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code faults} profile: faults set and cleared on the management port hit API
 * requests (and only those), show as {@code crm_faults_active{kind}} and leave a WARN
 * line each time.
 */
@IntegrationTest
@ActiveProfiles("faults")
@ExtendWith(OutputCaptureExtension.class)
class FaultsIntegrationTests {

	@Autowired
	RunningApp app;

	@AfterEach
	void clearFaults() {
		assertThat(management().send(HttpRequest.newBuilder(management().uri("/actuator/faults")).DELETE(), Map.of())
			.status()).isEqualTo(200);
	}

	@Test
	void anErrorFaultFailsApiRequestsWithAProblemUntilCleared(CapturedOutput output) {
		// Lines are written asynchronously: the previous test's last line can land here.
		Instant started = Instant.now();
		Api api = this.app.api();
		long campaign = api.createCampaign("faults");
		assertThat(active("error")).isZero();

		Api.Response set = management().postJson("/actuator/faults/error", "{\"ratio\": 1.0, \"status\": 503}");
		assertThat(set.status()).isEqualTo(200);
		assertThat(set.json().path("error").path("ratio").asDouble()).isEqualTo(1.0);
		assertThat(set.json().path("error").path("status").asInt()).isEqualTo(503);
		assertThat(active("error")).isOne();

		Api.Response failed = api.get("/api/v1/campaigns/" + campaign);
		assertThat(failed.status()).isEqualTo(503);
		assertThat(failed.header("Content-Type")).startsWith("application/problem+json");
		assertThat(failed.json().path("request_id").asString()).isEqualTo(failed.header("X-Request-ID"));
		assertThat(failed.body()).doesNotContain("Exception", "at dev.crm");
		assertThat(api.get("/ready").status()).as("probes are never faulted").isEqualTo(200);
		assertThat(api.get("/live").status()).isEqualTo(200);

		Api.Response cleared = management()
			.send(HttpRequest.newBuilder(management().uri("/actuator/faults/error")).DELETE(), Map.of());
		assertThat(cleared.json().path("error").isNull()).isTrue();
		assertThat(api.get("/api/v1/campaigns/" + campaign).status()).isEqualTo(200);
		assertThat(active("error")).isZero();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			List<JsonNode> warnings = LogLines.parse(output.getOut())
				.stream()
				.filter((line) -> "WARN".equals(LogLines.text(line, "level"))
						&& Faults.class.getName().equals(LogLines.text(line, "logger"))
						&& !Instant.parse(LogLines.text(line, "@timestamp")).isBefore(started))
				.toList();
			assertThat(warnings).extracting((line) -> LogLines.text(line, "message"))
				.containsSubsequence("Fault injection set: 100.0% of API requests fail with 503",
						"Fault injection cleared: error");
			assertThat(warnings).allMatch((line) -> "error".equals(LogLines.text(line, "fault_kind")));
		});
	}

	@Test
	void anErrorFaultOnOneRouteTemplateSparesTheOtherRoutes() {
		Api api = this.app.api();
		long campaign = api.createCampaign("scoped fault");
		assertThat(management()
			.postJson("/actuator/faults/error", "{\"ratio\": 1.0, \"route\": \"/api/v1/campaigns/{id}\"}")
			.status()).isEqualTo(200);

		assertThat(api.get("/api/v1/campaigns/" + campaign).status()).isEqualTo(500);
		assertThat(api.get("/api/v1/campaigns?page=0&size=5").status()).isEqualTo(200);
		assertThat(api.get("/api/v1/campaigns/" + campaign + "/stats").status()).isEqualTo(200);
	}

	@Test
	void aLatencyFaultDelaysApiRequestsByAtLeastItsDelay() {
		Api api = this.app.api();
		Api.Response set = management().postJson("/actuator/faults/latency",
				"{\"delay\": \"400ms\", \"jitter\": \"100ms\", \"route\": \"/api/v1/campaigns\"}");
		assertThat(set.status()).isEqualTo(200);
		assertThat(set.json().path("latency").path("delay").asString()).isEqualTo("400ms");
		assertThat(active("latency")).isOne();
		assertThat(active("error")).isZero();

		long start = System.nanoTime();
		assertThat(api.get("/api/v1/campaigns?page=0&size=5").status()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
	}

	/**
	 * The 10-second active campaigns refresh fails while the fault is set (a failure run
	 * and a WARN line) and succeeds again once it is cleared.
	 */
	@Test
	void aJobFaultFailsEveryRunOfTheJobUntilCleared() {
		String job = "active-campaigns-refresh";
		double failuresBefore = runs(job, "failure");
		Api.Response set = management().postJson("/actuator/faults/job", "{\"job\": \"" + job + "\"}");
		assertThat(set.status()).isEqualTo(200);
		assertThat(set.json().path("job").path("job").asString()).isEqualTo(job);
		assertThat(active("job")).isOne();
		await().atMost(Duration.ofSeconds(30)).until(() -> runs(job, "failure") > failuresBefore);

		assertThat(
				management().send(HttpRequest.newBuilder(management().uri("/actuator/faults/job")).DELETE(), Map.of())
					.status())
			.isEqualTo(200);
		assertThat(active("job")).isZero();
		double successesAfterClearing = runs(job, "success");
		await().atMost(Duration.ofSeconds(30)).until(() -> runs(job, "success") > successesAfterClearing);
	}

	@Test
	void aJobFaultNamesOneOfTheScheduledJobsAndNothingElse() {
		for (String body : List.of("{}", "{\"job\": \"no-such-job\"}",
				"{\"job\": \"active-campaigns-refresh\", \"ratio\": 1}")) {
			assertThat(management().postJson("/actuator/faults/job", body).status()).as(body).isEqualTo(400);
		}
		assertThat(management().get("/actuator/faults").json().path("job").isNull()).isTrue();
	}

	@Test
	void faultsOutsideTheirBoundsOrOnUnknownRoutesAreRejected() {
		for (String body : List.of("{\"ratio\": 1.5}", "{\"ratio\": 0.5, \"status\": 404}", "{\"status\": 500}",
				"{\"ratio\": 0.5, \"route\": \"/api/v1/no-such-route\"}", "{\"ratio\": 0.5, \"delay\": \"1s\"}")) {
			assertThat(management().postJson("/actuator/faults/error", body).status()).as(body).isEqualTo(400);
		}
		for (String body : List.of("{\"jitter\": \"1s\"}", "{\"delay\": \"11s\"}",
				"{\"delay\": \"1s\", \"ratio\": 1}")) {
			assertThat(management().postJson("/actuator/faults/latency", body).status()).as(body).isEqualTo(400);
		}
		assertThat(management().postJson("/actuator/faults/outage", "{\"ratio\": 1}").status()).isEqualTo(400);
		assertThat(management().get("/actuator/faults").json().path("error").isNull()).isTrue();
		assertThat(management().get("/actuator/faults").json().path("latency").isNull()).isTrue();
	}

	@Test
	void theProfileExposesTheUsualEndpointsPlusFaultsAndNothingElse() {
		assertThat(exposure("application-faults.yml")).isEqualTo(exposure("application.yml") + ", faults");
		for (String path : List.of("/actuator/health", "/actuator/info", "/actuator/prometheus", "/actuator/faults")) {
			assertThat(management().get(path).status()).as(path).isEqualTo(200);
		}
		for (String path : List.of("/actuator/env", "/actuator/heapdump", "/actuator/threaddump", "/actuator/loggers",
				"/actuator/beans", "/actuator/mappings", "/actuator/configprops")) {
			assertThat(management().get(path).status()).as(path).isEqualTo(404);
		}
	}

	private Api management() {
		return this.app.management();
	}

	private double runs(String job, String outcome) {
		return this.app.scrape()
			.samples("crm_job_runs_total",
					(sample) -> sample.has("scheduled_job", job) && sample.has("outcome", outcome))
			.getFirst()
			.value();
	}

	private double active(String kind) {
		return this.app.scrape().samples("crm_faults_active", (sample) -> sample.has("kind", kind)).getFirst().value();
	}

	@SuppressWarnings("unchecked")
	private static String exposure(String file) {
		try (var in = new ClassPathResource(file).getInputStream()) {
			Map<String, Object> yaml = new Yaml().load(in);
			Map<String, Object> web = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) yaml
				.get("management")).get("endpoints")).get("web");
			return (String) ((Map<String, Object>) web.get("exposure")).get("include");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
