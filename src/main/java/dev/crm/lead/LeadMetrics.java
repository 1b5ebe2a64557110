package dev.crm.lead;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Business counters of leads. Tags come from {@link LeadSource}, a closed set; every
 * series is registered at startup so that {@code rate()} sees it from zero.
 * <p>
 * Leads created are {@code crm_lead_creations_total}, not
 * {@code crm_leads_created_total}: {@code _created} is a reserved suffix in OpenMetrics
 * (a counter's creation time), and the Prometheus client strips it, which would publish
 * {@code crm_leads_total}.
 */
@Component
class LeadMetrics {

	private final Map<LeadSource, Counter> created = new EnumMap<>(LeadSource.class);

	private final Counter converted;

	private final Counter replays;

	LeadMetrics(MeterRegistry registry) {
		for (LeadSource source : LeadSource.values()) {
			this.created.put(source,
					Counter.builder("crm.lead.creations")
						.description("Leads created, by source; idempotent replays are not counted")
						.tag("source", source.name())
						.register(registry));
		}
		this.converted = Counter.builder("crm.leads.converted").description("Leads converted").register(registry);
		this.replays = Counter.builder("crm.idempotent.replays")
			.description(
					"Lead creations answered with the stored result of an earlier request with the same Idempotency-Key")
			.register(registry);
	}

	void created(LeadSource source) {
		this.created.get(source).increment();
	}

	void converted() {
		this.converted.increment();
	}

	void replayed() {
		this.replays.increment();
	}

}
