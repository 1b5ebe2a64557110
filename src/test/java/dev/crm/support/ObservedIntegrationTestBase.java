package dev.crm.support;

import java.util.List;
import java.util.function.Predicate;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application with everything observable: Redis as the cache (a real
 * {@code redis-server}), every trace sampled, and spans kept in memory for assertions
 * instead of exported. Subclasses share one Spring context.
 */
@IntegrationTest
@TestPropertySource(properties = { "management.tracing.sampling.probability=1.0",
		"management.opentelemetry.tracing.export.schedule-delay=50ms" })
@Import(ObservedIntegrationTestBase.InMemorySpans.class)
public abstract class ObservedIntegrationTestBase {

	@Autowired
	protected RunningApp app;

	@Autowired
	protected InMemorySpanExporter spans;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> TestServices.redis().url());
	}

	protected Api api() {
		return this.app.api();
	}

	protected PrometheusScrape scrape() {
		return this.app.scrape();
	}

	protected List<SpanData> finishedSpans(Predicate<SpanData> filter) {
		return this.spans.getFinishedSpanItems().stream().filter(filter).toList();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class InMemorySpans {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

}
