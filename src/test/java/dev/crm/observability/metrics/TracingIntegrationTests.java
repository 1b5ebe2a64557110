package dev.crm.observability.metrics;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.crm.support.Api;
import dev.crm.support.ObservedIntegrationTestBase;
import dev.crm.support.PrometheusScrape.Sample;
import dev.crm.support.PrometheusScrape;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingConnectionDetails;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TracingIntegrationTests extends ObservedIntegrationTestBase {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String PARENT_SPAN_ID = "00f067aa0ba902b7";

	@Autowired
	ApplicationContext context;

	@Test
	void continuesAnIncomingTraceparentAcrossHttpJdbcAndRedisSpans() {
		long campaign = api().createCampaign("traced");

		Api.Response response = api().send(
				HttpRequest.newBuilder(api().uri("/api/v1/campaigns/" + campaign + "/stats")).GET(),
				Map.of("traceparent", "00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-01"));
		assertThat(response.status()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			List<SpanData> trace = finishedSpans((span) -> span.getTraceId().equals(TRACE_ID));
			SpanData server = trace.stream()
				.filter((span) -> span.getKind() == SpanKind.SERVER)
				.findFirst()
				.orElseThrow();
			assertThat(server.getParentSpanId()).isEqualTo(PARENT_SPAN_ID);
			assertThat(server.getName()).isEqualTo("http get /api/v1/campaigns/{id}/stats");
			assertThat(trace).anySatisfy((span) -> {
				assertThat(span.getName()).isEqualTo("campaign.existsById");
				assertThat(span.getParentSpanId()).isEqualTo(server.getSpanId());
			});
			assertThat(trace).anySatisfy((span) -> {
				assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
				assertThat(span.getAttributes().asMap().toString()).contains("db.system=redis");
			});
		});
	}

	@Test
	void latencyBucketsCarryTheTraceIdAsExemplar() {
		String traceId = "0af7651916cd43dd8448eb211c80319c";
		api().send(HttpRequest.newBuilder(api().uri("/api/v1/campaigns?size=1")).GET(),
				Map.of("traceparent", "00-" + traceId + "-b7ad6b7169203331-01"));

		Api management = this.app.management();
		PrometheusScrape openMetrics = new PrometheusScrape(management
			.send(HttpRequest.newBuilder(management.uri("/actuator/prometheus")).GET(),
					Map.of("Accept", PrometheusScrape.OPENMETRICS))
			.body());
		List<Sample> withExemplars = openMetrics.samples("http_server_requests_seconds_bucket",
				(sample) -> !sample.exemplar().isEmpty());
		assertThat(withExemplars).isNotEmpty()
			.allSatisfy((sample) -> assertThat(sample.exemplar().get("trace_id")).matches("[0-9a-f]{32}"));
		assertThat(withExemplars).anySatisfy((sample) -> {
			assertThat(sample.labels()).containsEntry("uri", "/api/v1/campaigns").containsEntry("method", "GET");
			assertThat(sample.exemplar()).containsEntry("trace_id", traceId);
		});
		// OpenMetrics 1.0 allows exemplars on buckets and counters only. Prometheus
		// before 2.43 (Debian 12 ships 2.42) drops the whole scrape on an exemplar
		// anywhere else, such as a histogram's _count.
		assertThat(openMetrics.samples()).filteredOn((sample) -> !sample.exemplar().isEmpty())
			.allSatisfy((sample) -> assertThat(sample.name()).matches(".*_(bucket|total)"));
	}

	@Test
	void exportsNothingOverOtlpWhenNoEndpointIsSet() {
		assertThat(this.context.getBeansOfType(OtlpTracingConnectionDetails.class)).isEmpty();
		assertThat(this.context.getBeansOfType(SpanExporter.class).values()).singleElement().isSameAs(this.spans);
	}

}
