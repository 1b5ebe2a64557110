package dev.crm.observability.logging;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Log settings. The client address of the access line is Tomcat's
 * ({@code server.tomcat.remoteip.*}), not a setting of ours.
 *
 * @param accessLog the one-line-per-request access log
 */
@Validated
@ConfigurationProperties("crm.logging")
public record LoggingProperties(@Valid @NotNull @DefaultValue AccessLog accessLog) {

	/**
	 * @param enabled whether each request writes one access line
	 */
	public record AccessLog(@DefaultValue("true") boolean enabled) {
	}

}
