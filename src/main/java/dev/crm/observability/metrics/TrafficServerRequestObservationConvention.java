package dev.crm.observability.metrics;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Spring's HTTP server convention (route template as {@code uri}, {@code NOT_FOUND} when
 * unmatched, method, status, outcome and exception) plus the {@link Traffic} label.
 */
class TrafficServerRequestObservationConvention extends DefaultServerRequestObservationConvention {

	TrafficServerRequestObservationConvention(String name) {
		super(name);
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
		return super.getLowCardinalityKeyValues(context).and(traffic(context.getCarrier()));
	}

	static KeyValue traffic(HttpServletRequest request) {
		String path = null;
		if (request != null) {
			String uri = request.getRequestURI();
			String contextPath = request.getContextPath();
			path = (uri != null && contextPath != null && uri.startsWith(contextPath))
					? uri.substring(contextPath.length()) : uri;
		}
		return KeyValue.of(Traffic.LABEL, Traffic.of(path).value());
	}

}
