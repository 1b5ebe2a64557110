package dev.crm.lead;

import java.util.UUID;

import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.LeadRows;
import dev.crm.support.RunningApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Without {@code spring.data.redis.url} the stats cache is in process (Caffeine). */
@IntegrationTest
class StatsCacheIntegrationTests {

	@Autowired
	RunningApp app;

	@Autowired
	CacheManager cacheManager;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CampaignStatsCache cache;

	@Autowired
	LeadRepository leads;

	Api api;

	@BeforeEach
	void setUp() {
		this.api = this.app.api();
	}

	@Test
	void usesInMemoryCacheWhenRedisIsNotConfigured() {
		assertThat(this.cacheManager).isInstanceOf(CaffeineCacheManager.class);
	}

	@Test
	void servesRepeatedStatsFromCache() {
		long campaign = this.api.createCampaign("cache-hit-" + UUID.randomUUID());
		this.api.createLead(campaign, "first@example.com");
		assertThat(this.api.stats(campaign).get("totalLeads").asLong()).isEqualTo(1);
		// Written behind the API's back, so no eviction: a cached answer must not see it.
		LeadRows.insertBehindApi(this.jdbc, campaign, "sneaky@example.com");
		assertThat(this.api.stats(campaign).get("totalLeads").asLong()).isEqualTo(1);
	}

	@Test
	void evictsWhenLeadIsCreated() {
		long campaign = this.api.createCampaign("cache-create-" + UUID.randomUUID());
		assertThat(this.api.stats(campaign).get("totalLeads").asLong()).isZero();
		this.api.createLead(campaign, "new@example.com");
		assertThat(this.api.stats(campaign).get("totalLeads").asLong()).isEqualTo(1);
	}

	@Test
	void evictsWhenLeadIsConverted() {
		long campaign = this.api.createCampaign("cache-convert-" + UUID.randomUUID());
		long lead = this.api.createLead(campaign, "convert@example.com");
		assertThat(this.api.stats(campaign).get("conversionRate").asDouble()).isZero();
		this.api.postJson("/api/v1/leads/" + lead + "/conversion", "");
		assertThat(this.api.stats(campaign).get("conversionRate").asDouble()).isEqualTo(1.0);
	}

	@Test
	void leavesOtherCampaignsCached() {
		long cached = this.api.createCampaign("cache-other-" + UUID.randomUUID());
		long changed = this.api.createCampaign("cache-changed-" + UUID.randomUUID());
		assertThat(this.api.stats(cached).get("totalLeads").asLong()).isZero();
		this.api.createLead(changed, "x@example.com");
		Cache.ValueWrapper version = this.cacheManager.getCache(CampaignStatsCache.VERSIONS).get(cached);
		assertThat(version).isNotNull();
		assertThat(this.cacheManager.getCache(CampaignStatsCache.STATS).get(cached + ":" + version.get())).isNotNull();
	}

	@Test
	void statsReadCountingBeforeALeadCommitsCannotCacheItsCountsAfterTheEviction() throws Exception {
		StatsRaces.readCountingBeforeACommitCannotCacheAfterTheEviction(this.api, this.cache, this.leads);
	}

	@Test
	void statsPolledWhileLeadsAreCreatedAreNeverStaleAfterwards() throws Exception {
		StatsRaces.concurrentReadersNeverLeaveStaleStats(this.api, 15, 4);
	}

}
