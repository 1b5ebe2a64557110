package dev.crm.lead;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Idempotency-Key settings.
 *
 * @param retention how long a key returns its first result; clients must not retry with
 * the same key after that
 */
@Validated
@ConfigurationProperties("crm.idempotency")
record IdempotencyProperties(@NotNull @DefaultValue("24h") Duration retention) {
}
