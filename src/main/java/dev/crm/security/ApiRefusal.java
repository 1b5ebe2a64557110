package dev.crm.security;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refusal of the security layer as Spring's own error response, so that the web layer's
 * problem handling answers it like any other error: {@code
 * application/problem+json} with {@code request_id}, never reported as an error.
 */
final class ApiRefusal extends ErrorResponseException {

	private ApiRefusal(HttpStatus status, String detail) {
		super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
	}

	/** 401, with the RFC 6750 challenge: {@code invalid_token} when one was sent. */
	static ApiRefusal unauthenticated(TokenFailure failure) {
		ApiRefusal refusal = new ApiRefusal(HttpStatus.UNAUTHORIZED, failure.detail());
		refusal.getHeaders()
			.set(HttpHeaders.WWW_AUTHENTICATE,
					(failure == TokenFailure.MISSING) ? "Bearer" : "Bearer error=\"invalid_token\"");
		return refusal;
	}

	/** 403, naming the scope the request needs (RFC 6750 {@code insufficient_scope}). */
	static ApiRefusal forbidden(String scope) {
		ApiRefusal refusal = new ApiRefusal(HttpStatus.FORBIDDEN, "The bearer token lacks the scope " + scope + ".");
		refusal.getHeaders()
			.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"");
		return refusal;
	}

	/**
	 * 400 for what Spring Security's firewall refuses before any chain (a header value
	 * outside printable ISO-8859-1, an encoded slash in the path...).
	 */
	static ApiRefusal rejected() {
		return new ApiRefusal(HttpStatus.BAD_REQUEST, "The request has characters or a form the service refuses.");
	}

	/** 429, with the whole seconds until the bucket has a token again. */
	static ApiRefusal tooManyRequests(long retryAfterSeconds) {
		ApiRefusal refusal = new ApiRefusal(HttpStatus.TOO_MANY_REQUESTS,
				"Too many requests. Retry after " + retryAfterSeconds + " s.");
		refusal.getHeaders().put(HttpHeaders.RETRY_AFTER, List.of(Long.toString(retryAfterSeconds)));
		return refusal;
	}

}
