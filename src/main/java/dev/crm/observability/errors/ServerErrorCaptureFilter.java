package dev.crm.observability.errors;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The safety net behind {@link ProblemDetailsHandler}: a 5xx answered without passing the
 * handler (an exception escaping the chain, a controller that sets a 5xx status itself)
 * is reported too. Requests the handler already reported are not reported again.
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
		if (response.getStatus() >= 500) {
			this.reporter.report(null, response.getStatus(), request);
		}
	}

}
