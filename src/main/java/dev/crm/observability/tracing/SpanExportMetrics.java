package dev.crm.observability.tracing;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.opentelemetry.api.common.AttributeKey;

/**
 * {@code crm_tracing_spans_exported_total} and
 * {@code crm_tracing_spans_dropped_total{reason}}: what became of the sampled spans, from
 * the SDK's own counters. A span is dropped when the export queue is full
 * ({@code queue_full}: the exporter cannot keep up, typically because the collector
 * hangs) or when the batch it was in could not be delivered ({@code export_failed}: the
 * collector refused, failed or did not answer within the OTLP timeout).
 */
final class SpanExportMetrics implements MeterBinder {

	/** The SDK's names (its "legacy" internal telemetry, the default in 1.x). */
	static final String PROCESSED_SPANS = "processedSpans";

	static final String EXPORTED = "otlp.exporter.exported";

	private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");

	private static final AttributeKey<Boolean> SUCCESS = AttributeKey.booleanKey("success");

	private static final AttributeKey<String> TYPE = AttributeKey.stringKey("type");

	private final SdkTelemetryReader sdk;

	SpanExportMetrics(SdkTelemetryReader sdk) {
		this.sdk = sdk;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter
			.builder("crm.tracing.spans.exported", this.sdk,
					(sdk) -> sdk.sum(EXPORTED, (point) -> isSpan(point.get(TYPE)) && isTrue(point.get(SUCCESS))))
			.description("Sampled spans the OTLP exporter delivered to the collector")
			.register(registry);
		FunctionCounter
			.builder("crm.tracing.spans.dropped", this.sdk,
					(sdk) -> sdk.sum(PROCESSED_SPANS, (point) -> isTrue(point.get(DROPPED))))
			.tag("reason", "queue_full")
			.description("Sampled spans lost before export, by reason: queue_full (the export queue was full) "
					+ "or export_failed (the collector refused or did not answer)")
			.register(registry);
		FunctionCounter
			.builder("crm.tracing.spans.dropped", this.sdk,
					(sdk) -> sdk.sum(EXPORTED, (point) -> isSpan(point.get(TYPE)) && isFalse(point.get(SUCCESS))))
			.tag("reason", "export_failed")
			.description("Sampled spans lost before export, by reason: queue_full (the export queue was full) "
					+ "or export_failed (the collector refused or did not answer)")
			.register(registry);
	}

	private static boolean isSpan(String type) {
		return "span".equals(type);
	}

	private static boolean isTrue(Boolean value) {
		return Boolean.TRUE.equals(value);
	}

	private static boolean isFalse(Boolean value) {
		return Boolean.FALSE.equals(value);
	}

}
