package dev.crm.observability.errors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code crm_sentry_events_total{outcome}}: events Sentry accepted ({@code sent}), lost
 * to a full queue, a network error or an unreachable Sentry ({@code dropped}), or
 * withheld on purpose by our filter ({@code filtered}).
 */
public class SentryEventMetrics {

	/** Micrometer name; Prometheus shows it as {@code crm_sentry_events_total}. */
	public static final String METRIC = "crm.sentry.events";

	private final Counter sent;

	private final Counter dropped;

	private final Counter filtered;

	public SentryEventMetrics(MeterRegistry registry) {
		this.sent = counter(registry, "sent");
		this.dropped = counter(registry, "dropped");
		this.filtered = counter(registry, "filtered");
	}

	private static Counter counter(MeterRegistry registry, String outcome) {
		return Counter.builder(METRIC)
			.description("Sentry error events by outcome")
			.tag("outcome", outcome)
			.register(registry);
	}

	void sent() {
		this.sent.increment();
	}

	void dropped() {
		this.dropped.increment();
	}

	void filtered() {
		this.filtered.increment();
	}

}
