package dev.crm.observability.metrics;

import java.util.EnumMap;
import java.util.Map;

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

	/* One key value per kind, built once instead of on every request. */
	private static final Map<Traffic, KeyValue> LABELS = new EnumMap<>(Traffic.class);

	static {
		for (Traffic traffic : Traffic.values()) {
			LABELS.put(traffic, KeyValue.of(Traffic.LABEL, traffic.value()));
		}
	}

	TrafficServerRequestObservationConvention(String name) {
		super(name);
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
		// Built in one go: adding to Spring's set would copy and sort it again per
		// request.
		return KeyValues.of(exception(context), method(context), outcome(context), status(context), uri(context),
				traffic(context.getCarrier()));
	}

	static KeyValue traffic(HttpServletRequest request) {
		String path = null;
		if (request != null) {
			if (request.getAttribute(Traffic.ATTRIBUTE) instanceof Traffic fixed) {
				return LABELS.get(fixed);
			}
			String uri = request.getRequestURI();
			String contextPath = request.getContextPath();
			path = (uri != null && contextPath != null && uri.startsWith(contextPath))
					? uri.substring(contextPath.length()) : uri;
		}
		return LABELS.get(Traffic.of(path));
	}

}
