package dev.crm.observability.errortracking;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.crm.support.Api;
import dev.crm.support.PostgresServer;
import dev.crm.support.RunningApp;
import dev.crm.support.SentryStandIn;
import dev.crm.support.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What Sentry receives while PostgreSQL is down: the API's 503 arrives tagged with the
 * request's IDs, the probes' 503s do not. The application runs against a PostgreSQL of
 * its own, stopped before each test (once; the first stop holds for the rest), so the
 * tests run in any order and no other test loses its database.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@Import({ SentryDatabaseOutageIntegrationTests.OwnPostgres.class, FailingController.class, RunningApp.class })
@DirtiesContext
class SentryDatabaseOutageIntegrationTests {

	static final SentryStandIn sentry = SentryStandIn.start();

	static final PostgresServer postgres = TestServices.newPostgres();

	private static boolean stopped;

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

	@BeforeEach
	void stopPostgres() throws Exception {
		synchronized (SentryDatabaseOutageIntegrationTests.class) {
			if (!stopped) {
				postgres.close();
				stopped = true;
			}
		}
		Api api = this.app.api();
		await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/ready").status() == 503);
	}

	@Test
	void databaseOutage503ReachesSentryWithRequestAndTraceIds() {
		Api api = this.app.api();
		Api.Response response = api.send(HttpRequest.newBuilder(api.uri("/api/v1/campaigns/1")).GET(),
				Map.of("X-Request-ID", "sentry-503"));

		assertThat(response.status()).isEqualTo(503);
		assertThat(response.header("Retry-After")).isNotBlank();
		assertThat(response.json().get("request_id").asString()).isEqualTo("sentry-503");
		String eventId = response.json().get("sentry_event_id").asString();
		JsonNode event = SentryEvents.awaitEvent(sentry, "sentry-503");
		assertThat(event.get("event_id").asString()).isEqualTo(eventId);
		assertThat(event.at("/tags/status").asString()).isEqualTo("503");
		assertThat(event.at("/tags/trace_id").asString()).matches("[0-9a-f]{32}");
		assertThat(event.at("/tags/route").asString()).isEqualTo("/api/v1/campaigns/{id}");
	}

	@Test
	void probeAnswersDuringTheOutageSendNothing() {
		Api api = this.app.api();
		for (String probe : List.of("/ready", "/health")) {
			assertThat(api
				.send(HttpRequest.newBuilder(api.uri(probe)).GET(),
						Map.of("X-Request-ID", "probe-" + probe.substring(1)))
				.status()).isEqualTo(503);
		}
		// A probe's 503 is the health signal itself, seen by probes, gauges and alerts;
		// as Sentry events it would flood the project for as long as an outage lasts.
		SentryEvents.fence(api, sentry, "fence-503");
		assertThat(sentry.events()).extracting((event) -> event.at("/tags/request_id").asString(""))
			.noneMatch((requestId) -> requestId.startsWith("probe-"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class OwnPostgres {

		@Bean
		JdbcConnectionDetails sentryTestPostgres() {
			return postgres.connectionDetails();
		}

	}

}
