package dev.crm.lead;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the campaign stats cache.
 *
 * @param timeToLive how long an entry lives; also bounds staleness if an eviction is lost
 * @param maximumSize entries kept by the in-memory cache (Redis is bounded by its own
 * maxmemory policy)
 */
@Validated
@ConfigurationProperties("crm.cache.campaign-stats")
record CampaignStatsCacheProperties(@NotNull @DefaultValue("5m") Duration timeToLive,
		@Positive @DefaultValue("10000") long maximumSize) {
}
