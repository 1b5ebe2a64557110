package dev.crm.lead;

import dev.crm.support.ObservedIntegrationTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.CacheManager;
import org.springframework.data.redis.cache.RedisCacheManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stats cache in a real Redis, shared as between instances, raced against lead
 * changes committed in a real PostgreSQL.
 */
class RedisStatsCacheRaceIntegrationTests extends ObservedIntegrationTestBase {

	@Autowired
	CacheManager cacheManager;

	@Autowired
	CampaignStatsCache cache;

	@Autowired
	LeadRepository leads;

	@Test
	void statsReadCountingBeforeALeadCommitsCannotCacheItsCountsAfterTheEviction() throws Exception {
		assertThat(this.cacheManager).isInstanceOf(RedisCacheManager.class);
		StatsRaces.readCountingBeforeACommitCannotCacheAfterTheEviction(api(), this.cache, this.leads);
	}

	@Test
	void statsPolledWhileLeadsAreCreatedAreNeverStaleAfterwards() throws Exception {
		StatsRaces.concurrentReadersNeverLeaveStaleStats(api(), 15, 4);
	}

}
