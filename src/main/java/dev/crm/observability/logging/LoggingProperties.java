package dev.crm.observability.logging;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Log settings.
 *
 * @param accessLog the one-line-per-request access log
 * @param trustedProxies addresses or CIDR ranges of the proxies whose
 * {@code X-Forwarded-For} is believed; empty means the TCP peer is always the client
 */
@Validated
@ConfigurationProperties("crm.logging")
public record LoggingProperties(@Valid @NotNull @DefaultValue AccessLog accessLog,
		@NotNull @DefaultValue List<@NotNull String> trustedProxies) {

	/**
	 * @param enabled whether each request writes one access line
	 */
	public record AccessLog(@DefaultValue("true") boolean enabled) {
	}

}
