package dev.crm.observability.errors;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.crm.support.Api;
import dev.crm.support.PostgresServer;
import dev.crm.support.SentryStandIn;
import dev.crm.support.TestServices;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What Sentry receives, asserted on a local stand-in: 5xx answers (including a 503 while
 * PostgreSQL is down) arrive tagged with the request's IDs, release and environment, and
 * without personal data; 4xx answers send nothing. The application runs against its own
 * PostgreSQL so that the outage test can stop it without touching other tests.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "crm.environment=sentry-test" })
@Import({ SentryIntegrationTests.OwnPostgres.class, FailingController.class })
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SentryIntegrationTests {

	static final SentryStandIn sentry = SentryStandIn.start();

	static final PostgresServer postgres = TestServices.newPostgres();

	@DynamicPropertySource
	static void sentryDsn(DynamicPropertyRegistry registry) {
		registry.add("sentry.dsn", sentry::dsn);
	}

	@AfterAll
	static void stopSentry() {
		sentry.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@Autowired
	MeterRegistry meterRegistry;

	@Test
	@Order(1)
	void serverErrorReachesSentryWithIdsReleaseAndEnvironmentButNoPersonalData() {
		String email = "person." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		String token = "tok" + UUID.randomUUID().toString().replace("-", "");
		String cookie = "sess" + UUID.randomUUID().toString().replace("-", "");
		String password = "pw" + UUID.randomUUID().toString().replace("-", "");
		Api api = new Api(this.port);
		Api.Response response = api.send(
				HttpRequest.newBuilder(api.uri("/test/failures/unexpected?password=" + password + "&email=" + email))
					.GET(),
				Map.of("X-Request-ID", "sentry-500", "Authorization", "Bearer " + token, "Cookie",
						"SESSION=" + cookie));

		assertThat(response.status()).isEqualTo(500);
		JsonNode problem = response.json();
		assertThat(problem.get("request_id").asString()).isEqualTo("sentry-500");
		String eventId = problem.get("sentry_event_id").asString();
		assertThat(eventId).matches("[0-9a-f]{32}");

		JsonNode event = awaitEvent("sentry-500");
		assertThat(event.get("event_id").asString()).isEqualTo(eventId);
		assertThat(event.at("/tags/trace_id").asString()).matches("[0-9a-f]{32}");
		assertThat(event.at("/tags/route").asString()).isEqualTo("/test/failures/{kind}");
		assertThat(event.at("/tags/status").asString()).isEqualTo("500");
		assertThat(event.get("environment").asString()).isEqualTo("sentry-test");
		assertThat(event.get("release").asString())
			.isEqualTo(this.environment.getProperty("git.commit.id.abbrev", "unknown"))
			.isNotBlank();
		assertThat(event.at("/request/headers").isMissingNode()).isTrue();
		assertThat(event.at("/request/cookies").isMissingNode()).isTrue();
		assertThat(event.at("/request/query_string").isMissingNode()).isTrue();
		assertThat(event.at("/exception/values/0/value").asString()).contains("Could not process unexpected for ****")
			.doesNotContain(FailingController.EMAIL);

		String envelope = envelopeOf(eventId);
		assertThat(envelope).doesNotContain(email, token, cookie, password, FailingController.EMAIL,
				FailingController.PASSWORD);
		await().atMost(Duration.ofSeconds(10)).until(() -> counted("sent") >= 1);
	}

	@Test
	@Order(2)
	void clientErrorsSendNothing() {
		Api api = new Api(this.port);
		int before = sentry.events().size();
		assertThat(api
			.send(HttpRequest.newBuilder(api.uri("/api/v1/campaigns/424242")).GET(),
					Map.of("X-Request-ID", "sentry-404"))
			.status()).isEqualTo(404);
		assertThat(api.postJson("/api/v1/campaigns", "{\"name\":\"\"}", Map.of("X-Request-ID", "sentry-400")).status())
			.isEqualTo(400);
		assertThat(api.postJson("/api/v1/campaigns", "x", Map.of("X-Request-ID", "sentry-400b")).status())
			.isEqualTo(400);
		// Events are sent in order by one thread: once this 5xx has arrived, any event
		// for
		// the 4xx answers before it would have arrived too.
		api.send(HttpRequest.newBuilder(api.uri("/test/failures/fence")).GET(), Map.of("X-Request-ID", "fence"));
		awaitEvent("fence");

		List<JsonNode> after = sentry.events().subList(before, sentry.events().size());
		assertThat(after).extracting((event) -> event.at("/tags/request_id").asString()).containsExactly("fence");
		assertThat(sentry.itemTypes()).doesNotContain("transaction");
	}

	@Test
	@Order(3)
	void databaseOutage503ReachesSentryWithRequestAndTraceIds() throws Exception {
		long campaignId = new Api(this.port).createCampaign("Before the outage");
		postgres.close();

		Api api = new Api(this.port);
		Api.Response response = api.send(HttpRequest.newBuilder(api.uri("/api/v1/campaigns/" + campaignId)).GET(),
				Map.of("X-Request-ID", "sentry-503"));

		assertThat(response.status()).isEqualTo(503);
		assertThat(response.header("Retry-After")).isNotBlank();
		assertThat(response.json().get("request_id").asString()).isEqualTo("sentry-503");
		String eventId = response.json().get("sentry_event_id").asString();
		JsonNode event = awaitEvent("sentry-503");
		assertThat(event.get("event_id").asString()).isEqualTo(eventId);
		assertThat(event.at("/tags/status").asString()).isEqualTo("503");
		assertThat(event.at("/tags/trace_id").asString()).matches("[0-9a-f]{32}");
		assertThat(event.at("/tags/route").asString()).isEqualTo("/api/v1/campaigns/{id}");
	}

	@Test
	@Order(4)
	void probeAnswersDuringTheOutageSendNothing() {
		Api api = new Api(this.port);
		await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/ready").status() == 503);
		for (String probe : List.of("/ready", "/health")) {
			assertThat(api
				.send(HttpRequest.newBuilder(api.uri(probe)).GET(),
						Map.of("X-Request-ID", "probe-" + probe.substring(1)))
				.status()).isEqualTo(503);
		}
		// A probe's 503 is the health signal itself, seen by probes, gauges and alerts;
		// as
		// Sentry events it would flood the project for as long as an outage lasts. Fence
		// as above: once this API 503 has arrived, probe events would have too.
		api.send(HttpRequest.newBuilder(api.uri("/api/v1/campaigns/1")).GET(), Map.of("X-Request-ID", "fence-503"));
		awaitEvent("fence-503");
		assertThat(sentry.events()).extracting((event) -> event.at("/tags/request_id").asString(""))
			.noneMatch((requestId) -> requestId.startsWith("probe-"));
	}

	private JsonNode awaitEvent(String requestId) {
		return await().atMost(Duration.ofSeconds(20))
			.until(() -> sentry.events()
				.stream()
				.filter((event) -> requestId.equals(event.at("/tags/request_id").asString(null)))
				.findFirst()
				.orElse(null), (event) -> event != null);
	}

	private static String envelopeOf(String eventId) {
		return sentry.envelopes().stream().filter((envelope) -> envelope.contains(eventId)).findFirst().orElseThrow();
	}

	private double counted(String outcome) {
		return this.meterRegistry.get(SentryEventMetrics.METRIC).tag("outcome", outcome).counter().count();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class OwnPostgres {

		@Bean
		JdbcConnectionDetails sentryTestPostgres() {
			return postgres.connectionDetails();
		}

	}

}
