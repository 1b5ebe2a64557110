package dev.crm.lead;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.serializer.JacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * The stats cache ({@link CampaignStatsCache}, its stats and their versions) lives in
 * Redis when {@code spring.data.redis.url} is set, so that all instances share it, and in
 * a bounded in-process Caffeine cache otherwise. Both record statistics, which Boot
 * exports as {@code cache_gets_total} and friends. A failing cache is logged and
 * bypassed: stats then come straight from PostgreSQL.
 */
@Configuration(proxyBeanMethods = false)
class CampaignStatsCacheConfiguration {

	private static final Logger log = LoggerFactory.getLogger(CampaignStatsCacheConfiguration.class);

	@Bean
	@ConditionalOnProperty("spring.data.redis.url")
	RedisCacheManager redisCacheManager(RedisConnectionFactory connectionFactory, JsonMapper json,
			CampaignStatsCacheProperties properties) {
		JacksonJsonRedisSerializer<CampaignStats> serializer = new JacksonJsonRedisSerializer<>(json,
				CampaignStats.class);
		RedisCacheConfiguration config = RedisCacheConfiguration.defaultCacheConfig()
			.entryTtl(properties.timeToLive())
			.prefixCacheNameWith("crm:");
		return RedisCacheManager.builder(connectionFactory)
			.withCacheConfiguration(CampaignStatsCache.STATS,
					config.serializeValuesWith(SerializationPair.fromSerializer(serializer)))
			.withCacheConfiguration(CampaignStatsCache.VERSIONS,
					config.serializeValuesWith(SerializationPair.fromSerializer(RedisSerializer.string())))
			.disableCreateOnMissingCache()
			.enableStatistics()
			.build();
	}

	@Bean
	@ConditionalOnExpression("'${spring.data.redis.url:}'.isEmpty()")
	CaffeineCacheManager caffeineCacheManager(CampaignStatsCacheProperties properties) {
		CaffeineCacheManager manager = new CaffeineCacheManager(CampaignStatsCache.STATS, CampaignStatsCache.VERSIONS);
		manager.setCaffeine(Caffeine.newBuilder()
			.maximumSize(properties.maximumSize())
			.expireAfterWrite(properties.timeToLive())
			.recordStats());
		manager.setAllowNullValues(false);
		return manager;
	}

	@Bean
	CacheErrorHandler bypassingCacheErrorHandler() {
		return new BypassingCacheErrorHandler();
	}

	/** Logs cache failures and lets the call go on to the real method. */
	static final class BypassingCacheErrorHandler implements CacheErrorHandler {

		@Override
		public void handleCacheGetError(RuntimeException ex, Cache cache, Object key) {
			warn("get", cache, ex);
		}

		@Override
		public void handleCachePutError(RuntimeException ex, Cache cache, Object key, Object value) {
			warn("put", cache, ex);
		}

		@Override
		public void handleCacheEvictError(RuntimeException ex, Cache cache, Object key) {
			warn("evict", cache, ex);
		}

		@Override
		public void handleCacheClearError(RuntimeException ex, Cache cache) {
			warn("clear", cache, ex);
		}

		private static void warn(String operation, Cache cache, RuntimeException ex) {
			log.warn("Cache {} failed on {}, bypassing it: {}", cache.getName(), operation,
					ex.getClass().getSimpleName());
		}

	}

}
