package dev.crm.security;

import java.util.Locale;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Why a request was not authenticated: the {@code kind} label of
 * {@code crm_security_authentication_failures_total} and the {@code reason} of the
 * security event. A closed set, so that no token can add a label value.
 */
enum TokenFailure {

	/** No bearer token: no {@code Authorization} header, or another scheme. */
	MISSING("A bearer token is required."),

	/**
	 * Not a token this service accepts: malformed, unsigned ({@code alg: none}), signed
	 * with another algorithm (HMAC) or another key.
	 */
	INVALID("The bearer token is not valid."),

	/** Signed by the right key, but past its {@code exp} (or before its {@code nbf}). */
	EXPIRED("The bearer token has expired."),

	/** Signed by the right key, for another service ({@code aud}). */
	WRONG_AUDIENCE("The bearer token is not valid."),

	/** Signed by the right key, from another issuer ({@code iss}). */
	WRONG_ISSUER("The bearer token is not valid.");

	private final String label = name().toLowerCase(Locale.ROOT);

	private final String detail;

	TokenFailure(String detail) {
		this.detail = detail;
	}

	String label() {
		return this.label;
	}

	/** The problem's {@code detail}: says what to fix, never what was sent. */
	String detail() {
		return this.detail;
	}

	/**
	 * Runs a validator, naming its failures by this kind, so that {@link #of} can tell an
	 * expired token from one for another audience without reading messages.
	 */
	OAuth2TokenValidator<Jwt> check(OAuth2TokenValidator<Jwt> validator) {
		// The description is only read by of(): answers carry detail() instead.
		OAuth2Error error = new OAuth2Error("invalid_token", this.label, null);
		return (jwt) -> validator.validate(jwt).hasErrors() ? OAuth2TokenValidatorResult.failure(error)
				: OAuth2TokenValidatorResult.success();
	}

	/**
	 * @param exception what the entry point was given
	 * @return the kind of failure
	 */
	static TokenFailure of(AuthenticationException exception) {
		if (!(exception instanceof OAuth2AuthenticationException)) {
			// Anonymous: no bearer token was found.
			return MISSING;
		}
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof JwtValidationException validation) {
				for (OAuth2Error error : validation.getErrors()) {
					for (TokenFailure failure : values()) {
						if (failure.label.equals(error.getDescription())) {
							return failure;
						}
					}
				}
			}
		}
		return INVALID;
	}

}
