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
		assign(request, response, settle(request));
		try {
			chain.doFilter(request, response);
		}
		finally {
			clear();
		}
	}

	/**
	 * Gives a request its ID: the response header, the request attribute and MDC. Also
	 * called by whoever answers a request before this filter could run (Tomcat's error
	 * report), so that every request gets its ID the same way.
	 * @param request the request
	 * @param response its response
	 * @param requestId the settled ID
	 */
	public static void assign(HttpServletRequest request, HttpServletResponse response, String requestId) {
		request.setAttribute(ATTRIBUTE, requestId);
		response.setHeader(RequestId.HEADER, requestId);
		MDC.put(RequestId.MDC_KEY, requestId);
	}

	/** Ends what {@link #assign} began on this thread. */
	public static void clear() {
		MDC.remove(RequestId.MDC_KEY);
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
		return RequestId.accept(request.getHeaders(RequestId.HEADER));
	}

}
