package dev.crm.security;

import dev.crm.observability.RouteTemplate;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The route template of a request refused before Spring MVC saw it. It asks the
 * controllers' mapping, which records the template on the request as it would have, so
 * that the access line, {@code http_server_requests_seconds} and the security counters
 * all name the route, not {@code UNKNOWN}. Only refusals pay for the lookup.
 */
final class RouteResolver {

	private final RequestMappingHandlerMapping mapping;

	RouteResolver(RequestMappingHandlerMapping mapping) {
		this.mapping = mapping;
	}

	String resolve(HttpServletRequest request) {
		if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) == null) {
			try {
				if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
					ServletRequestPathUtils.parseAndCache(request);
				}
				this.mapping.getHandler(request);
			}
			catch (Exception ex) {
				// No route (wrong method, media type...): the template stays unknown.
			}
		}
		String route = RouteTemplate.of(request, 0);
		if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern
				&& pattern.equals(route)) {
			ServerHttpObservationFilter.findObservationContext(request)
				.ifPresent((context) -> context.setPathPattern(route));
		}
		return route;
	}

}
