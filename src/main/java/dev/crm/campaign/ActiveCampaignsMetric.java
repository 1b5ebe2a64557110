package dev.crm.campaign;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.crm.jobs.Jobs;
import dev.crm.jobs.Jobs.MonitoredJob;
import dev.crm.jobs.ScheduledJob;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

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

	private final CampaignRepository campaigns;

	/** Every 10 s; Sentry hears from it once a minute (see {@link Jobs}). */
	static final ScheduledJob JOB = new ScheduledJob("active-campaigns-refresh", Duration.ofSeconds(REFRESH_SECONDS),
			Duration.ofMinutes(2), Duration.ofMinutes(1));

	private volatile double value = Double.NaN;

	private final MonitoredJob job;

	ActiveCampaignsMetric(CampaignRepository campaigns, MeterRegistry registry, Jobs jobs) {
		this.campaigns = campaigns;
		this.job = jobs.register(JOB);
		Gauge.builder("crm.campaigns.active", this, (metric) -> metric.value)
			.description("Campaigns whose status is ACTIVE, refreshed every 10 s")
			.strongReference(true)
			.register(registry);
	}

	/**
	 * While the database is unreachable the run fails ({@link Jobs} records and reports
	 * it) and the gauge keeps its last value.
	 */
	@Scheduled(fixedDelay = REFRESH_SECONDS, timeUnit = TimeUnit.SECONDS)
	void refresh() {
		this.job.run(() -> this.value = this.campaigns.countByStatus(CampaignStatus.ACTIVE));
	}

}
