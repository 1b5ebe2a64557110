package dev.crm.lead;

import java.time.Duration;
import java.util.UUID;

import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.LeadRows;
import dev.crm.support.RedisServer;
import dev.crm.support.RunningApp;
import dev.crm.support.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code spring.data.redis.url} the stats cache is in a real redis-server. This
 * class owns its server, so it can stop it to prove the fallback to PostgreSQL.
 */
@IntegrationTest
class RedisStatsCacheIntegrationTests {

	static final RedisServer redis = TestServices.newRedis();

	@Autowired
	RunningApp app;

	@Autowired
	CacheManager cacheManager;

	@Autowired
	StringRedisTemplate redisTemplate;

	@Autowired
	JdbcClient jdbc;

	Api api;

	@DynamicPropertySource
	static void redisUrl(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", redis::url);
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	/**
	 * Each test starts with Redis up and the application connected to it again: after the
	 * outage test, Lettuce reconnects with a backoff, and a test that ran before that
	 * would race the reconnection (an eviction and a read could straddle it).
	 */
	@BeforeEach
	void setUp() {
		redis.start();
		await("the application's Redis connection").atMost(Duration.ofSeconds(15))
			.ignoreExceptions()
			.until(() -> "PONG"
				.equals(this.redisTemplate.execute((RedisCallback<String>) (connection) -> connection.ping())));
		// The caches' own round trip too: a ping can pass while the connection the caches
		// use still waits out its reconnect backoff.
		await("the stats caches' Redis round trip").atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> {
			Cache versions = this.cacheManager.getCache("campaignStatsVersions");
			versions.put("probe", "probe");
			boolean stored = versions.get("probe") != null;
			versions.evict("probe");
			return stored;
		});
		this.api = this.app.api();
	}

	@Test
	void usesRedisWhenConfigured() {
		assertThat(this.cacheManager).isInstanceOf(RedisCacheManager.class);
	}

	@Test
	void storesStatsInRedisAndServesRepeatsFromThere() {
		long campaign = this.api.createCampaign("redis-hit-" + UUID.randomUUID());
		this.api.createLead(campaign, "first@example.com");
		assertThat(this.api.stats(campaign).get("totalLeads").asLong()).isEqualTo(1);
		assertThat(this.redisTemplate.hasKey(statsKey(campaign))).isTrue();
		LeadRows.insertBehindApi(this.jdbc, campaign, "sneaky@example.com");
		assertThat(this.api.stats(campaign).get("totalLeads").asLong()).isEqualTo(1);
	}

	@Test
	void evictsFromRedisWhenLeadsChange() {
		long campaign = this.api.createCampaign("redis-evict-" + UUID.randomUUID());
		long lead = this.api.createLead(campaign, "a@example.com");
		assertThat(this.api.stats(campaign).get("totalLeads").asLong()).isEqualTo(1);
		String statsKey = statsKey(campaign);
		this.api.postJson("/api/v1/leads/" + lead + "/conversion", "");
		assertThat(this.redisTemplate.hasKey(versionKey(campaign))).isFalse();
		assertThat(this.redisTemplate.hasKey(statsKey)).isFalse();
		assertThat(this.api.stats(campaign).get("conversionRate").asDouble()).isEqualTo(1.0);
		this.api.createLead(campaign, "b@example.com");
		assertThat(this.api.stats(campaign).get("totalLeads").asLong()).isEqualTo(2);
	}

	@Test
	void fallsBackToPostgresWhileRedisIsDown() {
		long campaign = this.api.createCampaign("redis-down-" + UUID.randomUUID());
		redis.stop();
		this.api.createLead(campaign, "while-down@example.com");
		assertThat(this.api.stats(campaign).get("totalLeads").asLong()).isEqualTo(1);
		LeadRows.insertBehindApi(this.jdbc, campaign, "direct@example.com");
		// Nothing could be cached, so every read goes to PostgreSQL.
		assertThat(this.api.stats(campaign).get("totalLeads").asLong()).isEqualTo(2);
		redis.start();
	}

	private String statsKey(long campaign) {
		String version = this.redisTemplate.opsForValue().get(versionKey(campaign));
		assertThat(version).as("the version of campaign %d in Redis", campaign).isNotNull();
		return "crm:" + CampaignStatsCache.STATS + "::" + campaign + ":" + version;
	}

	private static String versionKey(long campaign) {
		return "crm:" + CampaignStatsCache.VERSIONS + "::" + campaign;
	}

}
