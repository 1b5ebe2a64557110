package dev.crm.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Answers every refusal: 401 for a missing or invalid token (429 once the source address
 * has failed too often), 403 for a missing scope, 429 for a client over its limit. Each
 * is recorded ({@link SecurityEvents}), then answered by Spring MVC's exception
 * resolvers, so the body is the same problem, with {@code request_id}, as any other
 * error.
 */
final class Refusals implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final HandlerExceptionResolver resolver;

	private final SecurityEvents events;

	private final RateLimits limits;

	private final RouteResolver routes;

	Refusals(HandlerExceptionResolver resolver, SecurityEvents events, RateLimits limits, RouteResolver routes) {
		this.resolver = resolver;
		this.events = events;
		this.limits = limits;
		this.routes = routes;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) {
		String route = this.routes.resolve(request);
		long wait = this.limits.failedAuthentication(request.getRemoteAddr());
		if (wait != RateLimits.ALLOWED) {
			this.events.rateLimited(request, route, "failed_authentication", null);
			answer(request, response, ApiRefusal.tooManyRequests(wait));
			return;
		}
		TokenFailure failure = TokenFailure.of(exception);
		this.events.authenticationFailed(request, route, failure);
		answer(request, response, ApiRefusal.unauthenticated(failure));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception) {
		String route = this.routes.resolve(request);
		String scope = ApiSecurityConfiguration.requiredScope(HttpMethod.valueOf(request.getMethod()));
		this.events.authorizationDenied(request, route,
				clientOf(SecurityContextHolder.getContext().getAuthentication()), scope);
		answer(request, response, ApiRefusal.forbidden(scope));
	}

	/** Answers a request Spring Security's firewall refused: the client's error. */
	void rejected(HttpServletRequest request, HttpServletResponse response, RequestRejectedException exception) {
		answer(request, response, ApiRefusal.rejected());
	}

	/** Answers a client over its limit. */
	void clientOverLimit(HttpServletRequest request, HttpServletResponse response, String client, long wait) {
		this.events.rateLimited(request, this.routes.resolve(request), "client", client);
		answer(request, response, ApiRefusal.tooManyRequests(wait));
	}

	/**
	 * The client a token was issued to: its {@code azp} (or RFC 9068 {@code client_id}),
	 * else its subject.
	 */
	static String clientOf(Authentication authentication) {
		if (authentication instanceof JwtAuthenticationToken token) {
			String client = token.getToken().getClaimAsString("azp");
			if (client == null) {
				client = token.getToken().getClaimAsString("client_id");
			}
			return (client != null) ? client : token.getToken().getSubject();
		}
		return null;
	}

	private void answer(HttpServletRequest request, HttpServletResponse response, ApiRefusal refusal) {
		if (this.resolver.resolveException(request, response, null, refusal) == null) {
			// Unreachable while the web layer's problem handler is present; never leave a
			// refusal unanswered.
			response.setStatus(refusal.getStatusCode().value());
		}
	}

}
