package dev.crm.observability.tracing;

import java.util.function.Predicate;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;

/**
 * Reads, on demand, the counters that the OpenTelemetry SDK keeps about itself: the batch
 * span processor counts spans it drops because its queue is full, the OTLP exporter
 * counts spans it exported or failed to export. Nothing is pushed anywhere; Micrometer
 * asks at scrape time.
 */
final class SdkTelemetryReader implements MetricReader {

	private volatile CollectionRegistration registration = CollectionRegistration.noop();

	@Override
	public void register(CollectionRegistration registration) {
		this.registration = registration;
	}

	@Override
	public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
		return AggregationTemporality.CUMULATIVE;
	}

	@Override
	public CompletableResultCode forceFlush() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

	/** The current total of a cumulative long counter, over the points that match. */
	long sum(String metric, Predicate<Attributes> points) {
		long total = 0;
		for (MetricData data : this.registration.collectAllMetrics()) {
			if (data.getName().equals(metric) && data.getType() == MetricDataType.LONG_SUM) {
				for (LongPointData point : data.getLongSumData().getPoints()) {
					if (points.test(point.getAttributes())) {
						total += point.getValue();
					}
				}
			}
		}
		return total;
	}

}
