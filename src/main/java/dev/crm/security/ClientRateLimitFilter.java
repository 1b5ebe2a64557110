package dev.crm.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes a token from the authenticated client's bucket, or answers 429. Runs in the
 * security filter chain right after authentication, never as a servlet filter of its own.
 */
final class ClientRateLimitFilter extends OncePerRequestFilter {

	private final RateLimits limits;

	private final Refusals refusals;

	ClientRateLimitFilter(RateLimits limits, Refusals refusals) {
		this.limits = limits;
		this.refusals = refusals;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String client = Refusals.clientOf(SecurityContextHolder.getContext().getAuthentication());
		if (client != null) {
			long wait = this.limits.client(client);
			if (wait != RateLimits.ALLOWED) {
				this.refusals.clientOverLimit(request, response, client, wait);
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
