package dev.crm.lead;

import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.stereotype.Component;

/**
 * The campaign stats cache, safe against a read that races a change. A read that counted
 * the leads before a change committed must never store those counts after the change's
 * eviction; with a plain get-load-put it can (the eviction lands between its load and its
 * put), and the old counts then live for the whole TTL.
 * <p>
 * So each campaign has a <em>version</em>, a random token in {@link #VERSIONS}, and its
 * stats are stored under {@code campaignId:version}. A read takes the current version
 * (creating one with an atomic put-if-absent) <em>before</em> it counts, and stores its
 * counts under that version. A change, once committed, removes the version. A read that
 * began before that stores under a version that no later read looks up, because a new
 * version is a new random token, never an old one. This holds across instances, since the
 * versions live in the same cache as the stats (Redis when configured), and it needs
 * nothing from the cache but get, put, put-if-absent and evict. Losing a version (Redis
 * restarted or evicted it) only costs a miss.
 * <p>
 * A failing cache is bypassed: the failure goes to {@link CacheErrorHandler} (a warning)
 * and the stats come from PostgreSQL.
 */
@Component
class CampaignStatsCache {

	/** Stats by {@code campaignId:version}. */
	static final String STATS = "campaignStats";

	/** The current version of each campaign's stats, by campaign id. */
	static final String VERSIONS = "campaignStatsVersions";

	private final Cache stats;

	private final Cache versions;

	private final CacheErrorHandler errors;

	CampaignStatsCache(CacheManager cacheManager, CacheErrorHandler errors) {
		this.stats = cacheManager.getCache(STATS);
		this.versions = cacheManager.getCache(VERSIONS);
		this.errors = errors;
	}

	/**
	 * The campaign's cached stats, or {@code load}'s, which are then cached.
	 * @param campaignId the campaign
	 * @param load counts the leads in PostgreSQL; its exceptions pass through
	 * @return the stats
	 */
	CampaignStats get(long campaignId, Supplier<CampaignStats> load) {
		String version = currentVersion(campaignId);
		if (version == null) {
			return load.get();
		}
		String key = campaignId + ":" + version;
		try {
			CampaignStats cached = this.stats.get(key, CampaignStats.class);
			if (cached != null) {
				return cached;
			}
		}
		catch (RuntimeException ex) {
			this.errors.handleCacheGetError(ex, this.stats, key);
			return load.get();
		}
		CampaignStats loaded = load.get();
		try {
			this.stats.put(key, loaded);
		}
		catch (RuntimeException ex) {
			this.errors.handleCachePutError(ex, this.stats, key, loaded);
		}
		return loaded;
	}

	/**
	 * Makes every read that began before now store where no later read looks. Call it
	 * only after the change has committed: a read between the eviction and the commit
	 * would otherwise count the old leads under the new version.
	 * @param campaignId the campaign whose leads changed
	 */
	void evict(long campaignId) {
		try {
			Cache.ValueWrapper version = this.versions.get(campaignId);
			this.versions.evict(campaignId);
			if (version != null) {
				// Unreachable already; dropped so it does not wait for the TTL.
				this.stats.evict(campaignId + ":" + version.get());
			}
		}
		catch (RuntimeException ex) {
			// A lost eviction leaves stale stats until the TTL expires: that is why the
			// TTL is short.
			this.errors.handleCacheEvictError(ex, this.versions, campaignId);
		}
	}

	/** The campaign's version, a new one if it has none, or null if the cache fails. */
	private String currentVersion(long campaignId) {
		try {
			String version = this.versions.get(campaignId, String.class);
			if (version != null) {
				return version;
			}
			String created = UUID.randomUUID().toString();
			Cache.ValueWrapper existing = this.versions.putIfAbsent(campaignId, created);
			return (existing != null && existing.get() instanceof String other) ? other : created;
		}
		catch (RuntimeException ex) {
			this.errors.handleCacheGetError(ex, this.versions, campaignId);
			return null;
		}
	}

}
