package dev.crm.observability.correlation;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first filter: settles the request ID, returns it in the response header, exposes it
 * as a request attribute and holds it in MDC for everything the request does.
 */
public class RequestIdFilter extends OncePerRequestFilter {

	/** The request attribute that holds the settled ID, for error dispatches. */
	public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = settle(request);
		response.setHeader(RequestId.HEADER, requestId);
		MDC.put(RequestId.MDC_KEY, requestId);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(RequestId.MDC_KEY);
		}
	}

	/** Error dispatches run this filter again; they keep the ID the request got first. */
	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	private static String settle(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof String existing) {
			return existing;
		}
		String requestId = RequestId.accept(request.getHeaders(RequestId.HEADER));
		request.setAttribute(ATTRIBUTE, requestId);
		return requestId;
	}

}
