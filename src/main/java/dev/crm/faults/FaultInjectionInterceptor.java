package dev.crm.faults;

import java.time.Duration;
import java.util.function.DoubleSupplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Applies the faults in effect to an API request once its handler is chosen, so that the
 * route template is known and every filter (request ID, access log, metrics) sees the
 * outcome as it would see a real one. Latency comes first: a slow failure is the usual
 * kind.
 */
class FaultInjectionInterceptor implements HandlerInterceptor {

	private final Faults faults;

	private final DoubleSupplier random;

	private final Sleeper sleeper;

	FaultInjectionInterceptor(Faults faults, DoubleSupplier random, Sleeper sleeper) {
		this.faults = faults;
		this.random = random;
		this.sleeper = sleeper;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String route = route(request);
		LatencyFault latency = this.faults.latency();
		if (latency != null && latency.appliesTo(route)) {
			this.sleeper.sleep(latency.delayFor(this.random.getAsDouble()));
		}
		ErrorFault error = this.faults.error();
		if (error != null && error.appliesTo(route) && error.fails(this.random.getAsDouble())) {
			throw new InjectedFaultException(error.status());
		}
		return true;
	}

	private static @Nullable String route(HttpServletRequest request) {
		return (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern)
				? pattern : null;
	}

	/** Blocks the request thread, like a slow dependency would. */
	@FunctionalInterface
	interface Sleeper {

		Sleeper THREAD = (duration) -> {
			try {
				Thread.sleep(duration);
			}
			catch (InterruptedException ex) {
				// Shutting down: stop waiting and let the request finish.
				Thread.currentThread().interrupt();
			}
		};

		void sleep(Duration duration);

	}

}
