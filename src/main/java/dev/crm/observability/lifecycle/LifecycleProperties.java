package dev.crm.observability.lifecycle;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What happens on shutdown. The drain timeout itself is Boot's
 * {@code spring.lifecycle.timeout-per-shutdown-phase}. A negative delay stops the startup
 * with a message that names the property.
 *
 * @param shutdownDelay how long the process keeps serving, with {@code /ready} at 503,
 * before it stops accepting connections; gives load balancers time to stop routing to it.
 * {@code 0s} when a Kubernetes {@code preStop} sleep already does that.
 */
@Validated
@ConfigurationProperties("crm.lifecycle")
record LifecycleProperties(@NotNull @DurationMin(millis = 0) @DefaultValue("5s") Duration shutdownDelay) {

}
