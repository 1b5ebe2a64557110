package dev.crm.observability.errors;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.crm.observability.metrics.Traffic;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The safety net behind {@link ProblemDetailsHandler}: a 5xx answered without passing the
 * handler (an exception escaping the chain, a controller that sets a 5xx status itself)
 * is reported too. Requests the handler already reported are not reported again, and the
 * 503 of a health probe is not an error to report.
 */
class ServerErrorCaptureFilter extends OncePerRequestFilter {

	private final ServerErrorReporter reporter;

	ServerErrorCaptureFilter(ServerErrorReporter reporter) {
		this.reporter = reporter;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException | Error ex) {
			this.reporter.report(ex, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, request);
			throw ex;
		}
		if (response.getStatus() >= 500 && !isHealthAnswer(request)) {
			this.reporter.report(null, response.getStatus(), request);
		}
	}

	/**
	 * A probe's (or actuator health's) 503 is its answer, not a failure: the outage it
	 * reports shows in health, gauges and alerts, and one event per probe would flood
	 * Sentry for as long as the outage lasts.
	 */
	private static boolean isHealthAnswer(HttpServletRequest request) {
		Traffic traffic = Traffic.of(request.getRequestURI());
		return traffic == Traffic.PROBE || traffic == Traffic.ACTUATOR;
	}

}
