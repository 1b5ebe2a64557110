package dev.crm.faults;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Fail {@code ratio} of the requests with {@code status}.
 *
 * @param ratio share of requests that fail, above 0 and at most 1
 * @param status 500 (a bug) or 503 (an outage)
 * @param route the only route template affected, or {@code null} for every API route
 */
record ErrorFault(double ratio, int status, @Nullable String route) {

	ErrorFault {
		if (!(ratio > 0 && ratio <= 1)) {
			throw new IllegalArgumentException("ratio must be above 0 and at most 1");
		}
		if (status != 500 && status != 503) {
			throw new IllegalArgumentException("status must be 500 or 503");
		}
	}

	boolean appliesTo(@Nullable String requestRoute) {
		return this.route == null || this.route.equals(requestRoute);
	}

	/** {@code draw} is uniform in [0, 1). */
	boolean fails(double draw) {
		return draw < this.ratio;
	}

	Map<String, @Nullable Object> describe() {
		Map<String, @Nullable Object> description = new LinkedHashMap<>();
		description.put("ratio", this.ratio);
		description.put("status", this.status);
		description.put("route", this.route);
		return description;
	}

}
