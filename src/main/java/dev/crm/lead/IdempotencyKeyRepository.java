package dev.crm.lead;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores Idempotency-Keys. The primary key is the guarantee: a second transaction that
 * claims the same key blocks inside PostgreSQL until the first commits or rolls back, so
 * there is no check-then-insert window.
 */
@Repository
class IdempotencyKeyRepository {

	private final JdbcClient jdbc;

	IdempotencyKeyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Claims the key in the current transaction; false when it was already taken. */
	boolean claim(String key, String requestHash) {
		return this.jdbc
			.sql("INSERT INTO idempotency_key (idempotency_key, request_hash) VALUES (:key, :hash)"
					+ " ON CONFLICT (idempotency_key) DO NOTHING")
			.param("key", key)
			.param("hash", requestHash)
			.update() == 1;
	}

	void complete(String key, long leadId, String responseBody) {
		this.jdbc
			.sql("UPDATE idempotency_key SET lead_id = :leadId, response_body = :body WHERE idempotency_key = :key")
			.param("key", key)
			.param("leadId", leadId)
			.param("body", responseBody)
			.update();
	}

	/** Deletes keys claimed before {@code cutoff}; returns how many. */
	int deleteClaimedBefore(Instant cutoff) {
		return this.jdbc.sql("DELETE FROM idempotency_key WHERE created_at < :cutoff")
			.param("cutoff", Timestamp.from(cutoff))
			.update();
	}

	Optional<StoredResult> find(String key) {
		return this.jdbc.sql("SELECT request_hash, response_body FROM idempotency_key WHERE idempotency_key = :key")
			.param("key", key)
			.query((rs, row) -> new StoredResult(rs.getString("request_hash"), rs.getString("response_body")))
			.optional();
	}

	record StoredResult(String requestHash, String responseBody) {
	}

}
