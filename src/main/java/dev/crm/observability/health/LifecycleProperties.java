package dev.crm.observability.health;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What happens on SIGTERM. The drain timeout itself is Boot's
 * {@code spring.lifecycle.timeout-per-shutdown-phase}.
 *
 * @param shutdownDelay how long the process keeps serving, with {@code /ready} at 503,
 * before it stops accepting connections; gives load balancers time to stop routing to it
 */
@Validated
@ConfigurationProperties("crm.lifecycle")
record LifecycleProperties(@NotNull @DefaultValue("5s") Duration shutdownDelay) {

	LifecycleProperties {
		if (shutdownDelay != null && shutdownDelay.isNegative()) {
			throw new IllegalArgumentException(
					"crm.lifecycle.shutdown-delay must not be negative, was " + shutdownDelay);
		}
	}

}
