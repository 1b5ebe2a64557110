package dev.crm.observability.tracing;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.PrometheusScrape;
import dev.crm.support.RunningApp;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The collector hangs: it accepts connections and never answers. Requests still complete
 * while the exporter is stuck, and every sampled span that is lost is counted once, in
 * the metric that the service overview's "Trace export" panel shows: dropped from the
 * full queue, or in a batch whose export timed out. A short OTLP timeout and a small
 * queue make both happen within seconds; the production defaults (10 s, 2048 spans) only
 * take longer.
 */
@IntegrationTest
@TestPropertySource(properties = { "management.tracing.sampling.probability=1.0",
		"management.opentelemetry.tracing.export.otlp.timeout=2s",
		"management.opentelemetry.tracing.export.otlp.connect-timeout=1s",
		"management.opentelemetry.tracing.export.max-queue-size=16",
		"management.opentelemetry.tracing.export.max-batch-size=8",
		"management.opentelemetry.tracing.export.schedule-delay=50ms" })
@Import(OtlpBlackHoleIntegrationTests.EndedSpans.class)
@DirtiesContext
class OtlpBlackHoleIntegrationTests {

	private static final int REQUESTS = 200;

	private static final BlackHole collector = BlackHole.open();

	@Autowired
	RunningApp app;

	@Autowired
	EndedSpans ended;

	@DynamicPropertySource
	static void endpoint(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint",
				() -> "http://127.0.0.1:" + collector.port() + "/v1/traces");
	}

	@AfterAll
	static void closeCollector() {
		collector.close();
	}

	@Test
	void requestsCompleteWhileTheCollectorHangsAndEveryLostSpanIsCounted() {
		Api api = this.app.api();
		assertThat(api.get("/api/v1/campaigns?size=1").status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(20))
			.alias("the exporter has sent a batch into the hole and waits for an answer")
			.until(() -> collector.accepted() > 0);

		List<Long> millis = new ArrayList<>();
		for (int i = 0; i < REQUESTS; i++) {
			long start = System.nanoTime();
			Api.Response response = api.send(HttpRequest.newBuilder(api.uri("/api/v1/campaigns?size=1")).GET(),
					Map.of());
			millis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
			assertThat(response.status()).as("request %d while the exporter is stuck", i).isEqualTo(200);
		}

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(dropped("queue_full")).as("spans dropped from the full queue").isPositive();
			assertThat(dropped("export_failed")).as("spans in batches that timed out").isPositive();
		});
		await().atMost(Duration.ofSeconds(60))
			.alias("every sampled span that ended was lost, and counted exactly once")
			.untilAsserted(
					() -> assertThat(dropped("queue_full") + dropped("export_failed")).isEqualTo(this.ended.count()));
		assertThat(counter("crm_tracing_spans_exported_total", null)).isZero();

		Collections.sort(millis);
		System.out.printf(
				"Black-holed OTLP collector: %d requests, all 200; median %d ms, slowest %d ms; "
						+ "%d connections left hanging; %d sampled spans ended, dropped and counted: "
						+ "queue_full=%d, export_failed=%d%n",
				REQUESTS, millis.get(REQUESTS / 2), millis.get(REQUESTS - 1), collector.accepted(), this.ended.count(),
				dropped("queue_full"), dropped("export_failed"));
	}

	private long dropped(String reason) {
		return counter("crm_tracing_spans_dropped_total", reason);
	}

	private long counter(String name, String reason) {
		List<PrometheusScrape.Sample> samples = this.app.scrape()
			.samples(name, (sample) -> reason == null || sample.has("reason", reason));
		assertThat(samples).as("%s%s in the scrape", name, (reason != null) ? "{reason=" + reason + "}" : "")
			.hasSize(1);
		return (long) samples.get(0).value();
	}

	/** Counts the sampled spans that ended: the ones the export pipeline is given. */
	@TestConfiguration(proxyBeanMethods = false)
	static class EndedSpans implements SpanProcessor {

		private final AtomicLong count = new AtomicLong();

		long count() {
			return this.count.get();
		}

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
		}

		@Override
		public boolean isStartRequired() {
			return false;
		}

		@Override
		public void onEnd(ReadableSpan span) {
			if (span.getSpanContext().isSampled()) {
				this.count.incrementAndGet();
			}
		}

		@Override
		public boolean isEndRequired() {
			return true;
		}

	}

}
