package dev.crm.observability;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerMapping;

/**
 * The route template of a request, for a signal that names a route outside the HTTP
 * observation (Sentry's {@code route} tag; the access line takes the observation's
 * {@code uri}): never the raw path, so no input reaches a signal unvalidated and the set
 * of values stays bounded.
 */
public final class RouteTemplate {

	private RouteTemplate() {
	}

	/**
	 * @param request the request, after handler mapping
	 * @param status the status answered
	 * @return the matched template, {@code NOT_FOUND} for an unmatched 404, else
	 * {@code UNKNOWN}
	 */
	public static String of(HttpServletRequest request, int status) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		// On an error dispatch the pattern is the error controller's, not the request's.
		if (pattern instanceof String route && !route.equals("/**")
				&& request.getDispatcherType() != DispatcherType.ERROR) {
			return route;
		}
		return (status == HttpServletResponse.SC_NOT_FOUND) ? "NOT_FOUND" : "UNKNOWN";
	}

}
