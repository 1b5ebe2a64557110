package dev.crm.observability.health;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How dependency checks run. Probes never run a check themselves: they read the latest
 * result, so they answer at once whatever the dependency does.
 *
 * @param period pause between two checks of one dependency; recovery shows within one
 * period
 * @param timeout budget of one check; a check still running after it counts as DOWN
 */
@Validated
@ConfigurationProperties("crm.health")
record HealthCheckProperties(@NotNull @DefaultValue("1s") Duration period,
		@NotNull @DefaultValue("800ms") Duration timeout) {

	HealthCheckProperties {
		if (period != null && (period.isNegative() || period.isZero())) {
			throw new IllegalArgumentException("crm.health.period must be positive, was " + period);
		}
		if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
			throw new IllegalArgumentException("crm.health.timeout must be positive, was " + timeout);
		}
	}

}
