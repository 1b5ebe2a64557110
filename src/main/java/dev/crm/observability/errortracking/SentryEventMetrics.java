package dev.crm.observability.errortracking;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentry.DataCategory;
import io.sentry.SentryOptions;
import io.sentry.clientreport.DiscardReason;

/**
 * {@code crm_sentry_events_total{outcome}}, for error events:
 * <ul>
 * <li>{@code sent}: scrubbed and handed to the SDK's transport for delivery;</li>
 * <li>{@code dropped}: lost by the SDK after that (a full queue, a rate limit, a network
 * or send error), so a subset of {@code sent}: delivered = sent - dropped once the queue
 * has drained;</li>
 * <li>{@code filtered}: withheld on purpose before sending (the SDK's duplicate
 * detection, a sample rate).</li>
 * </ul>
 * Losses come from the SDK's public {@link SentryOptions#setOnDiscard discard callback},
 * whose reasons map onto the outcomes.
 */
public class SentryEventMetrics implements SentryOptions.OnDiscardCallback {

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

	@Override
	public void execute(DiscardReason reason, DataCategory category, Long count) {
		if (category != DataCategory.Error || count == null) {
			return;
		}
		switch (reason) {
			case BEFORE_SEND, EVENT_PROCESSOR, SAMPLE_RATE -> this.filtered.increment(count);
			// Every other reason, including any a later SDK adds, is an event lost.
			default -> this.dropped.increment(count);
		}
	}

}
