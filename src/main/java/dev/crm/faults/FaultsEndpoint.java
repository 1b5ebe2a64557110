package dev.crm.faults;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/faults} on the management port: read, set and clear faults at run
 * time. <pre>
 * POST   /actuator/faults/error    {"ratio": 0.2, "status": 503, "route": "/api/v1/leads/{id}"}
 * POST   /actuator/faults/latency  {"delay": "900ms", "jitter": "300ms"}
 * POST   /actuator/faults/job      {"job": "idempotency-key-purge"}
 * DELETE /actuator/faults/error     (or /latency, /job; DELETE /actuator/faults clears all)
 * </pre> {@code status} defaults to 500, {@code jitter} to 0 and {@code route} to every
 * API route. A route must be one of the API's route templates, and a job one of the
 * scheduled jobs, so that a typo is an error rather than a fault that never fires.
 */
@Endpoint(id = "faults")
public class FaultsEndpoint {

	private final Faults faults;

	private final Supplier<Set<String>> apiRoutes;

	private final Supplier<Set<String>> jobs;

	FaultsEndpoint(Faults faults, Supplier<Set<String>> apiRoutes, Supplier<Set<String>> jobs) {
		this.faults = faults;
		this.apiRoutes = apiRoutes;
		this.jobs = jobs;
	}

	@ReadOperation
	public Map<String, @Nullable Object> faults() {
		return this.faults.describe();
	}

	@WriteOperation
	public Map<String, @Nullable Object> set(@Selector FaultKind kind, @Nullable Double ratio, @Nullable Integer status,
			@Nullable Duration delay, @Nullable Duration jitter, @Nullable String route, @Nullable String job) {
		checkRoute(route);
		try {
			switch (kind) {
				case ERROR -> {
					reject(delay != null || jitter != null || job != null,
							"an error fault takes ratio, status and route");
					reject(ratio == null, "ratio is required");
					this.faults.set(new ErrorFault(ratio, (status != null) ? status : 500, route));
				}
				case LATENCY -> {
					reject(ratio != null || status != null || job != null,
							"a latency fault takes delay, jitter and route");
					reject(delay == null, "delay is required");
					this.faults.set(new LatencyFault(delay, (jitter != null) ? jitter : Duration.ZERO, route));
				}
				case JOB -> {
					reject(ratio != null || status != null || delay != null || jitter != null || route != null,
							"a job fault takes job");
					reject(job == null || !this.jobs.get().contains(job),
							"job must be one of the scheduled jobs: " + new TreeSet<>(this.jobs.get()));
					this.faults.set(new JobFault(job));
				}
			}
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage());
		}
		return this.faults.describe();
	}

	@DeleteOperation
	public Map<String, @Nullable Object> clear(@Selector FaultKind kind) {
		this.faults.clear(kind);
		return this.faults.describe();
	}

	@DeleteOperation
	public Map<String, @Nullable Object> clearAll() {
		for (FaultKind kind : FaultKind.values()) {
			this.faults.clear(kind);
		}
		return this.faults.describe();
	}

	private void checkRoute(@Nullable String route) {
		if (route != null && !this.apiRoutes.get().contains(route)) {
			String message = "route must be one of the API's route templates: " + new TreeSet<>(this.apiRoutes.get());
			throw new InvalidEndpointRequestException(message, message);
		}
	}

	private static void reject(boolean invalid, String message) {
		if (invalid) {
			throw new IllegalArgumentException(message);
		}
	}

}
