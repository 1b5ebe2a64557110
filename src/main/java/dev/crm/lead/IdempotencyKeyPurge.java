package dev.crm.lead;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import dev.crm.jobs.Jobs;
import dev.crm.jobs.Jobs.MonitoredJob;
import dev.crm.jobs.ScheduledJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets Idempotency-Keys after {@code crm.idempotency.retention}, so the table does not
 * grow forever. A retry after that is a new request; the per-campaign unique email still
 * stops it from creating a duplicate lead.
 */
@Component
class IdempotencyKeyPurge {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyPurge.class);

	/**
	 * Hourly; Sentry marks a run missed 10 minutes late, and timed out after 10 minutes
	 * (one DELETE on an indexed column).
	 */
	static final ScheduledJob JOB = new ScheduledJob("idempotency-key-purge", Duration.ofHours(1),
			Duration.ofMinutes(10), Duration.ofMinutes(10));

	private final IdempotencyKeyRepository keys;

	private final IdempotencyProperties properties;

	private final MonitoredJob job;

	IdempotencyKeyPurge(IdempotencyKeyRepository keys, IdempotencyProperties properties, Jobs jobs) {
		this.keys = keys;
		this.properties = properties;
		this.job = jobs.register(JOB);
	}

	/**
	 * A failure (PostgreSQL away) is recorded and reported by {@link Jobs}; the next run
	 * catches up, and keys only live a little longer.
	 */
	@Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
	void purge() {
		this.job.run(() -> {
			int deleted = this.keys.deleteClaimedBefore(Instant.now().minus(this.properties.retention()));
			log.info("Purged {} idempotency keys older than {}", deleted, this.properties.retention());
		});
	}

}
