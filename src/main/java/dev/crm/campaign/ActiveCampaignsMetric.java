package dev.crm.campaign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The {@code crm_campaigns_active} gauge. A scrape reads the count from PostgreSQL at
 * most once per {@link #MAX_AGE}, so frequent scrapes cost no queries; while the database
 * is unreachable the last known count is kept (NaN before the first success).
 */
@Component
class ActiveCampaignsMetric {

	static final Duration MAX_AGE = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(ActiveCampaignsMetric.class);

	private final CampaignRepository campaigns;

	private final Clock clock;

	private double value = Double.NaN;

	private Instant readAt = Instant.MIN;

	@Autowired
	ActiveCampaignsMetric(CampaignRepository campaigns, MeterRegistry registry) {
		this(campaigns, registry, Clock.systemUTC());
	}

	ActiveCampaignsMetric(CampaignRepository campaigns, MeterRegistry registry, Clock clock) {
		this.campaigns = campaigns;
		this.clock = clock;
		Gauge.builder("crm.campaigns.active", this, ActiveCampaignsMetric::value)
			.description("Campaigns whose status is ACTIVE, read at most every 10 s")
			.strongReference(true)
			.register(registry);
	}

	synchronized double value() {
		Instant now = this.clock.instant();
		if (Duration.between(this.readAt, now).compareTo(MAX_AGE) >= 0) {
			try {
				this.value = this.campaigns.countByStatus(CampaignStatus.ACTIVE);
			}
			catch (DataAccessException ex) {
				log.debug("Active campaigns not counted, keeping the last value: {}", ex.getClass().getSimpleName());
			}
			// Also after a failure: a dead database is retried at most once per MAX_AGE.
			this.readAt = now;
		}
		return this.value;
	}

}
