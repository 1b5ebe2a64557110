package dev.crm.lead;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.crm.support.Api;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stats read racing a lead change, for whichever cache the context has. The stale entry
 * it hunts lived for the whole TTL: a read counted before the change committed and stored
 * its counts after the change's eviction.
 */
final class StatsRaces {

	private StatsRaces() {
	}

	/**
	 * Forces the losing order: a read counts the leads, a new lead commits and evicts
	 * through the API, and only then does the read store what it counted. The next read
	 * must count the new lead.
	 */
	static void readCountingBeforeACommitCannotCacheAfterTheEviction(Api api, CampaignStatsCache cache,
			LeadRepository leads) throws Exception {
		long campaign = api.createCampaign("race-forced-" + UUID.randomUUID());
		api.createLead(campaign, "first@example.com");
		CountDownLatch counted = new CountDownLatch(1);
		CountDownLatch changed = new CountDownLatch(1);
		try (ExecutorService reader = Executors.newSingleThreadExecutor()) {
			Future<CampaignStats> racing = reader.submit(() -> cache.get(campaign, () -> {
				CampaignStats before = CampaignStats.from(campaign, leads.countByStatus(campaign));
				counted.countDown();
				await(changed);
				return before;
			}));
			await(counted);
			api.createLead(campaign, "second@example.com");
			changed.countDown();
			assertThat(racing.get(30, TimeUnit.SECONDS).totalLeads()).as("what the racing read counted").isEqualTo(1);
		}
		assertThat(api.stats(campaign).get("totalLeads").asLong()).as("stats after the change").isEqualTo(2);
	}

	/**
	 * The race as clients run it: readers poll a campaign's stats through the API while a
	 * lead is created; once the creation has answered and the readers have stopped, the
	 * stats must count the lead, in every round.
	 */
	static void concurrentReadersNeverLeaveStaleStats(Api api, int rounds, int readers) throws Exception {
		List<Integer> staleRounds = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(readers)) {
			for (int round = 0; round < rounds; round++) {
				long campaign = api.createCampaign("race-" + round + "-" + UUID.randomUUID());
				AtomicBoolean writing = new AtomicBoolean(true);
				List<CompletableFuture<Void>> polling = new ArrayList<>();
				for (int i = 0; i < readers; i++) {
					polling.add(CompletableFuture.runAsync(() -> {
						while (writing.get()) {
							api.stats(campaign);
						}
					}, pool));
				}
				api.createLead(campaign, "lead-" + round + "@example.com");
				writing.set(false);
				CompletableFuture.allOf(polling.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
				if (api.stats(campaign).get("totalLeads").asLong() != 1) {
					staleRounds.add(round);
				}
			}
		}
		assertThat(staleRounds).as("rounds whose stats missed the new lead").isEmpty();
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(30, TimeUnit.SECONDS)).as("the other side of the race").isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
