package dev.crm.observability.errortracking;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.RunningApp;
import dev.crm.support.SentryStandIn;
import dev.crm.support.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What Sentry receives, asserted on a local stand-in: every 5xx the service answers
 * arrives once, tagged with the request's IDs, release and environment, and without
 * personal data, whether a controller threw, an exception escaped the filters or a
 * component sent the error itself; 4xx answers send nothing. Each test waits for the
 * events it caused and picks them out by request ID, so the tests run in any order.
 */
@IntegrationTest
@Import({ FailingController.class, FailingFilter.class })
@TestPropertySource(properties = "crm.environment=sentry-test")
@DirtiesContext
class SentryIntegrationTests {

	static final SentryStandIn sentry = SentryStandIn.start();

	@DynamicPropertySource
	static void sentryDsn(DynamicPropertyRegistry registry) {
		registry.add("sentry.dsn", sentry::dsn);
	}

	@AfterAll
	static void stopSentry() {
		sentry.close();
	}

	@Autowired
	RunningApp app;

	@Autowired
	Environment environment;

	@Autowired
	MeterRegistry meterRegistry;

	@Test
	void serverErrorReachesSentryWithIdsReleaseAndEnvironmentButNoPersonalData() {
		String email = "person." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		String token = "tok" + UUID.randomUUID().toString().replace("-", "");
		String cookie = "sess" + UUID.randomUUID().toString().replace("-", "");
		String password = "pw" + UUID.randomUUID().toString().replace("-", "");
		Api api = this.app.api();
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

		JsonNode event = SentryEvents.awaitEvent(sentry, "sentry-500");
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

		String envelope = SentryEvents.envelopeOf(sentry, eventId);
		assertThat(envelope).doesNotContain(email, token, cookie, password, FailingController.EMAIL,
				FailingController.PASSWORD);
		await().atMost(Duration.ofSeconds(10)).until(() -> counted("sent") >= 1);
	}

	@Test
	void exceptionEscapingTheFiltersReachesSentryOnceThroughTheErrorController() {
		Api api = this.app.api();
		Api.Response response = api.send(HttpRequest.newBuilder(api.uri(FailingFilter.PATH)).GET(),
				Map.of("X-Request-ID", "sentry-filter"));

		assertThat(response.status()).isEqualTo(500);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("request_id").asString()).isEqualTo("sentry-filter");
		assertThat(problem.get("instance").asString()).isEqualTo(FailingFilter.PATH);
		JsonNode event = SentryEvents.awaitEvent(sentry, "sentry-filter");
		assertThat(event.get("event_id").asString()).isEqualTo(problem.get("sentry_event_id").asString());
		assertThat(event.at("/tags/status").asString()).isEqualTo("500");
		assertThat(event.at("/tags/route").asString()).isEqualTo("UNKNOWN");
		assertThat(event.at("/exception/values/0/type").asString()).isEqualTo("IllegalStateException");
		assertThat(event.at("/exception/values/0/value").asString()).isEqualTo("Filter failed for ****");

		SentryEvents.fence(api, sentry, "fence-filter");
		assertThat(SentryEvents.withRequestId(sentry, "sentry-filter")).hasSize(1);
	}

	@Test
	void serverErrorSentWithoutAnExceptionReachesSentryAsAMessage() {
		Api api = this.app.api();
		Api.Response response = api.send(HttpRequest.newBuilder(api.uri("/test/send-error")).GET(),
				Map.of("X-Request-ID", "sentry-502"));

		assertThat(response.status()).isEqualTo(502);
		assertThat(response.json().get("instance").asString()).isEqualTo("/test/send-error");
		JsonNode event = SentryEvents.awaitEvent(sentry, "sentry-502");
		assertThat(event.get("event_id").asString()).isEqualTo(response.json().get("sentry_event_id").asString());
		assertThat(event.at("/tags/status").asString()).isEqualTo("502");
		assertThat(event.at("/message/formatted").asString()).isEqualTo("HTTP 502 answered for UNKNOWN");
	}

	@Test
	void clientErrorsSendNothing() {
		Api api = this.app.api();
		assertThat(api
			.send(HttpRequest.newBuilder(api.uri("/api/v1/campaigns/424242")).GET(),
					Map.of("X-Request-ID", "sentry-404"))
			.status()).isEqualTo(404);
		assertThat(api.postJson("/api/v1/campaigns", "{\"name\":\"\"}", Map.of("X-Request-ID", "sentry-400")).status())
			.isEqualTo(400);
		assertThat(api.postJson("/api/v1/campaigns", "x", Map.of("X-Request-ID", "sentry-400b")).status())
			.isEqualTo(400);
		// Refusals of the security layer (issue 21) are 4xx too, and their tokens go
		// nowhere.
		String forged = TestTokens.builder().audience("another-api").sign();
		assertThat(api.withoutToken()
			.send(HttpRequest.newBuilder(api.uri("/api/v1/campaigns")).GET(), Map.of("X-Request-ID", "sentry-401"))
			.status()).isEqualTo(401);
		assertThat(api.withToken(forged)
			.send(HttpRequest.newBuilder(api.uri("/api/v1/campaigns")).GET(), Map.of("X-Request-ID", "sentry-401b"))
			.status()).isEqualTo(401);
		assertThat(api.withToken(TestTokens.builder().scope("crm.read").sign())
			.postJson("/api/v1/campaigns", "{\"name\":\"x\",\"channel\":\"EMAIL\"}",
					Map.of("X-Request-ID", "sentry-403"))
			.status()).isEqualTo(403);
		SentryEvents.fence(api, sentry, "fence-4xx");

		assertThat(sentry.events()).extracting((event) -> event.at("/tags/request_id").asString(""))
			.doesNotContain("sentry-404", "sentry-400", "sentry-400b", "sentry-401", "sentry-401b", "sentry-403");
		assertThat(sentry.events()).extracting(Object::toString)
			.noneMatch((event) -> event.contains(forged.substring(forged.lastIndexOf('.') + 1)));
		assertThat(sentry.itemTypes()).doesNotContain("transaction");
	}

	private double counted(String outcome) {
		return this.meterRegistry.get(SentryEventMetrics.METRIC).tag("outcome", outcome).counter().count();
	}

	/**
	 * The application wires the check-ins: the 10-second refresh checks in to its own
	 * cron monitor, with the monitor's configuration, the environment and a trace ID.
	 */
	@Test
	void scheduledJobsCheckInToTheirCronMonitors() {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> sentry.checkIns()
				.stream()
				.anyMatch((checkIn) -> "active-campaigns-refresh".equals(checkIn.path("monitor_slug").asString())));
		JsonNode checkIn = sentry.checkIns()
			.stream()
			.filter((c) -> "active-campaigns-refresh".equals(c.path("monitor_slug").asString()))
			.findFirst()
			.orElseThrow();
		assertThat(checkIn.path("status").asString()).isEqualTo("ok");
		assertThat(checkIn.path("environment").asString()).isEqualTo("sentry-test");
		assertThat(checkIn.path("monitor_config").path("schedule").path("unit").asString()).isEqualTo("minute");
		assertThat(checkIn.path("contexts").path("trace").path("trace_id").asString()).matches("[0-9a-f]{32}");
	}

}
