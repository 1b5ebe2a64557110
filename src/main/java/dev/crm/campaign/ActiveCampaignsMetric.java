package dev.crm.campaign;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The {@code crm_campaigns_active} gauge. The count is read from PostgreSQL in the
 * background every {@value #REFRESH_SECONDS} s and a scrape only reads the last value, so
 * a slow or black-holed database never slows a scrape. While the database is unreachable
 * the last known count is kept (NaN before the first success).
 */
@Component
class ActiveCampaignsMetric {

	static final long REFRESH_SECONDS = 10;

	private static final Logger log = LoggerFactory.getLogger(ActiveCampaignsMetric.class);

	private final CampaignRepository campaigns;

	private volatile double value = Double.NaN;

	ActiveCampaignsMetric(CampaignRepository campaigns, MeterRegistry registry) {
		this.campaigns = campaigns;
		Gauge.builder("crm.campaigns.active", this, (metric) -> metric.value)
			.description("Campaigns whose status is ACTIVE, refreshed every 10 s")
			.strongReference(true)
			.register(registry);
	}

	@Scheduled(fixedDelay = REFRESH_SECONDS, timeUnit = TimeUnit.SECONDS)
	void refresh() {
		try {
			this.value = this.campaigns.countByStatus(CampaignStatus.ACTIVE);
		}
		catch (DataAccessException ex) {
			log.debug("Active campaigns not counted, keeping the last value: {}", ex.getClass().getSimpleName());
		}
	}

}
