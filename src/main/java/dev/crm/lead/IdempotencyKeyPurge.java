package dev.crm.lead;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
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

	private final IdempotencyKeyRepository keys;

	private final IdempotencyProperties properties;

	IdempotencyKeyPurge(IdempotencyKeyRepository keys, IdempotencyProperties properties) {
		this.keys = keys;
		this.properties = properties;
	}

	@Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
	void purge() {
		try {
			int deleted = this.keys.deleteClaimedBefore(Instant.now().minus(this.properties.retention()));
			log.info("Purged {} idempotency keys older than {}", deleted, this.properties.retention());
		}
		catch (DataAccessException ex) {
			// The next run catches up; keys only live a little longer.
			log.warn("Idempotency key purge failed: {}", ex.getClass().getSimpleName());
		}
	}

}
