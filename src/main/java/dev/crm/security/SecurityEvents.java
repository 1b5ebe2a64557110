package dev.crm.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static net.logstash.logback.argument.StructuredArguments.keyValue;
import static net.logstash.logback.argument.StructuredArguments.value;

/**
 * One security event line and one counter per refusal. Event names follow the OWASP
 * logging vocabulary; the line names the client, the route template and the source
 * address, and is masked like every line. The counters carry the route template and a
 * closed set of kinds only: never a client, subject, address or token, so their series
 * are bounded by the routes.
 */
final class SecurityEvents {

	/** The logger name of security events, to route or filter them. */
	static final String LOGGER_NAME = "crm.security";

	/** OWASP: a request without a valid token. */
	static final String AUTHN_TOKEN_INVALID = "authn_token_invalid";

	/** OWASP: an authenticated request for something its token does not allow. */
	static final String AUTHZ_FAIL = "authz_fail";

	/** OWASP: a client, or an address failing authentication, over its limit. */
	static final String RATE_LIMIT_EXCEEDED = "excess_rate_limit_exceeded";

	private static final Logger log = LoggerFactory.getLogger(LOGGER_NAME);

	private final MeterRegistry registry;

	SecurityEvents(MeterRegistry registry) {
		this.registry = registry;
	}

	void authenticationFailed(HttpServletRequest request, String route, TokenFailure failure) {
		log.warn("{} {} {}", value("event", AUTHN_TOKEN_INVALID), value("route", route),
				value("reason", failure.label()), keyValue("source_address", request.getRemoteAddr()));
		Counter.builder("crm.security.authentication.failures")
			.description("Requests to /api refused with 401, by route template and kind of failure")
			.tag("route", route)
			.tag("kind", failure.label())
			.register(this.registry)
			.increment();
	}

	void authorizationDenied(HttpServletRequest request, String route, String client, String scope) {
		log.warn("{} {} {} {}", value("event", AUTHZ_FAIL), value("route", route), value("client", client),
				value("required_scope", scope), keyValue("source_address", request.getRemoteAddr()));
		Counter.builder("crm.security.authorization.denials")
			.description("Authenticated requests to /api refused with 403 (scope missing), by route template")
			.tag("route", route)
			.register(this.registry)
			.increment();
	}

	/**
	 * @param limit {@code client} or {@code failed_authentication}
	 * @param client the client, or {@code null} for an address's failed authentications
	 */
	void rateLimited(HttpServletRequest request, String route, String limit, String client) {
		log.warn("{} {} {} {}", value("event", RATE_LIMIT_EXCEEDED), value("route", route), value("limit", limit),
				value("client", client), keyValue("source_address", request.getRemoteAddr()));
		Counter.builder("crm.security.rate.limit.rejections")
			.description("Requests to /api refused with 429, by route template and limit")
			.tag("route", route)
			.tag("limit", limit)
			.register(this.registry)
			.increment();
	}

}
