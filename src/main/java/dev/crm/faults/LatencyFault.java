package dev.crm.faults;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Delay every affected request by {@code delay} plus up to {@code jitter}.
 *
 * @param delay the fixed part, above 0 and at most {@link #MAX}
 * @param jitter the random extra, uniform from 0 up to this, at most {@link #MAX}
 * @param route the only route template affected, or {@code null} for every API route
 */
record LatencyFault(Duration delay, Duration jitter, @Nullable String route) {

	/**
	 * Each delayed request holds a Tomcat thread; beyond this a drill would exhaust the
	 * pool rather than slow the service.
	 */
	static final Duration MAX = Duration.ofSeconds(10);

	LatencyFault {
		if (delay.isNegative() || delay.isZero() || delay.compareTo(MAX) > 0) {
			throw new IllegalArgumentException("delay must be above 0 and at most " + MAX.toSeconds() + "s");
		}
		if (jitter.isNegative() || jitter.compareTo(MAX) > 0) {
			throw new IllegalArgumentException("jitter must be between 0 and " + MAX.toSeconds() + "s");
		}
	}

	boolean appliesTo(@Nullable String requestRoute) {
		return this.route == null || this.route.equals(requestRoute);
	}

	/** {@code draw} is uniform in [0, 1). */
	Duration delayFor(double draw) {
		return this.delay.plusNanos((long) (this.jitter.toNanos() * draw));
	}

	Map<String, @Nullable Object> describe() {
		Map<String, @Nullable Object> description = new LinkedHashMap<>();
		description.put("delay", this.delay.toMillis() + "ms");
		description.put("jitter", this.jitter.toMillis() + "ms");
		description.put("route", this.route);
		return description;
	}

}
