package dev.crm.observability.metrics;

import java.net.http.HttpRequest;
import java.util.Map;

import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.PrometheusScrape;
import dev.crm.support.RunningApp;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.sentry.Sentry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code no-instrumentation} profile removes the signals and keeps the behaviour.
 * Spans come only from Observations, so no Observation means no span.
 */
@IntegrationTest
@ActiveProfiles("no-instrumentation")
// A DSN is set to prove the profile wins over it (nothing listens on the discard port).
@TestPropertySource(properties = "sentry.dsn=http://public@127.0.0.1:9/1")
class InstrumentationOffIntegrationTests {

	@Autowired
	RunningApp app;

	@Autowired
	ObservationRegistry observations;

	@Autowired
	ApplicationContext context;

	@Test
	void servesTheApiWithoutHttpMetricsOrTraces() {
		Api api = this.app.api();
		long campaign = api.createCampaign("uninstrumented");
		Api.Response response = api.send(HttpRequest.newBuilder(api.uri("/api/v1/campaigns/" + campaign)).GET(),
				Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
		assertThat(response.status()).isEqualTo(200);
		assertThat(api.get("/api/v1/campaigns/999999999").status()).isEqualTo(404);

		PrometheusScrape scrape = this.app.scrape();
		assertThat(scrape.metricFamilies()).noneMatch((name) -> name.startsWith("http_server_requests"))
			.noneMatch((name) -> name.startsWith("crm_db_operation"))
			.contains("jvm_memory_used_bytes", "hikaricp_connections_active", "crm_lead_creations_total");
	}

	@Test
	void startsNoObservationSoNoSpanEither() {
		for (String name : new String[] { "http.server.requests", "crm.db.operation", "lettuce" }) {
			assertThat(Observation.start(name, this.observations).isNoop()).as(name).isTrue();
		}
	}

	@Test
	void turnsOffAccessLogAndSentryEvenWithDsnSet() {
		assertThat(this.context.containsBean("accessLog")).isFalse();
		assertThat(Sentry.isEnabled()).isFalse();
	}

}
