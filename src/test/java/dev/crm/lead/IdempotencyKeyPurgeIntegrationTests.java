package dev.crm.lead;

import java.util.Map;
import java.util.UUID;

import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.RunningApp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class IdempotencyKeyPurgeIntegrationTests {

	@Autowired
	RunningApp app;

	@Autowired
	IdempotencyKeyPurge purge;

	@Autowired
	JdbcClient jdbc;

	@Test
	void forgetsKeysPastRetentionAndKeepsRecentOnes() {
		Api api = this.app.api();
		long campaign = api.createCampaign("purge-" + UUID.randomUUID());
		String old = "old-" + UUID.randomUUID();
		String recent = "recent-" + UUID.randomUUID();
		api.postJson("/api/v1/leads", Api.leadJson(campaign, "old@example.com"), Map.of("Idempotency-Key", old));
		api.postJson("/api/v1/leads", Api.leadJson(campaign, "recent@example.com"), Map.of("Idempotency-Key", recent));
		this.jdbc.sql("UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE idempotency_key = :k")
			.param("k", old)
			.update();

		this.purge.purge();

		assertThat(keyExists(old)).isFalse();
		assertThat(keyExists(recent)).isTrue();
		// The lead itself stays; only the replay record is forgotten.
		Api.Response retry = api.postJson("/api/v1/leads", Api.leadJson(campaign, "old@example.com"),
				Map.of("Idempotency-Key", old));
		assertThat(retry.status()).as("a late retry is a new request, stopped by the unique email").isEqualTo(409);
	}

	private boolean keyExists(String key) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM idempotency_key WHERE idempotency_key = :k)")
			.param("k", key)
			.query(Boolean.class)
			.single();
	}

}
