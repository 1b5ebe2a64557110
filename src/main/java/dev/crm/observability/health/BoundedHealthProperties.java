package dev.crm.observability.health;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the bounded indicators check their dependency. Probes never run a check themselves:
 * they read the latest result, so they answer at once whatever the dependency does. Both
 * bounds are at least 1 ms: the scheduler and the budget count whole milliseconds, and a
 * bound that rounds down to 0 would make the scheduler refuse the period or every check
 * miss its budget. A bad value stops the startup with a message that names the property.
 *
 * @param period pause between two checks of one dependency; recovery shows within one
 * period
 * @param timeout budget of one check; a check still running after it counts as failed
 */
@Validated
@ConfigurationProperties("crm.health")
record BoundedHealthProperties(@NotNull @DurationMin(millis = 1) @DefaultValue("1s") Duration period,
		@NotNull @DurationMin(millis = 1) @DefaultValue("800ms") Duration timeout) {

}
