package dev.crm.observability.tracing;

import io.opentelemetry.sdk.metrics.SdkMeterProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Adds the semantic-convention route to server spans, and gives the OpenTelemetry SDK a
 * meter provider, so that its batch span processor and OTLP exporter count what they
 * drop. Boot hands any {@code MeterProvider} bean to both. The provider feeds only the
 * reader that {@link SpanExportMetrics} reads at scrape time: metrics still reach
 * Prometheus through Micrometer alone.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

	@Bean
	SdkTelemetryReader sdkTelemetryReader() {
		return new SdkTelemetryReader();
	}

	/** Closed by the OpenTelemetry SDK bean that Boot builds around it. */
	@Bean(destroyMethod = "")
	SdkMeterProvider sdkTelemetryMeterProvider(SdkTelemetryReader reader) {
		return SdkMeterProvider.builder().registerMetricReader(reader).build();
	}

	@Bean
	HttpRouteSpanFilter httpRouteSpanFilter() {
		return new HttpRouteSpanFilter();
	}

	@Bean
	SpanExportMetrics spanExportMetrics(SdkTelemetryReader reader) {
		return new SpanExportMetrics(reader);
	}

}
