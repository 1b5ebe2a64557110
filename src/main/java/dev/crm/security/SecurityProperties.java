package dev.crm.security;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How tokens are checked and how fast clients may call. The verification key itself is
 * Boot's setting ({@code spring.security.oauth2.resourceserver.jwt.*}).
 *
 * @param audience the {@code aud} value a token must carry
 * @param clockSkew how far {@code exp} and {@code nbf} may be off, for clocks that
 * disagree a little between the issuer and this service
 * @param rateLimit the token buckets
 */
@Validated
@ConfigurationProperties("crm.security")
public record SecurityProperties(@NotBlank @DefaultValue("crm-api") String audience,
		@NotNull @DefaultValue("30s") Duration clockSkew, @Valid @NotNull @DefaultValue RateLimit rateLimit) {

	/**
	 * @param client each client's bucket (the token's {@code azp}, else {@code sub})
	 * @param failedAuthentication each source address's bucket for failed authentications
	 * @param maxTracked the most buckets kept per kind; the least recently used go first
	 */
	public record RateLimit(@Valid @NotNull @DefaultValue ClientLimit client,
			@Valid @NotNull @DefaultValue FailedAuthenticationLimit failedAuthentication,
			@Min(1) @DefaultValue("100000") int maxTracked) {

	}

	/** A token bucket. */
	public interface Limit {

		/** The burst: requests allowed at once from a full bucket. */
		int capacity();

		/** The sustained rate: tokens added back each second. */
		int perSecond();

	}

	/**
	 * A client's bucket: bursts of 200, 100 requests a second sustained.
	 *
	 * @param capacity the burst
	 * @param perSecond the sustained rate
	 */
	public record ClientLimit(@Min(1) @DefaultValue("200") int capacity,
			@Min(1) @DefaultValue("100") int perSecond) implements Limit {

	}

	/**
	 * An address's bucket of failed authentications: 20 at once, then one a second.
	 *
	 * @param capacity the burst
	 * @param perSecond the sustained rate
	 */
	public record FailedAuthenticationLimit(@Min(1) @DefaultValue("20") int capacity,
			@Min(1) @DefaultValue("1") int perSecond) implements Limit {

	}

}
