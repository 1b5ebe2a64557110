package dev.crm.faults;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The faults in effect. Setting or clearing one is logged at WARN, so that nobody reads a
 * drill's errors in the logs as a real incident, and {@code crm_faults_active{kind}}
 * shows it next to the symptoms it causes.
 */
class Faults {

	private static final Logger log = LoggerFactory.getLogger(Faults.class);

	private final AtomicReference<@Nullable ErrorFault> error = new AtomicReference<>();

	private final AtomicReference<@Nullable LatencyFault> latency = new AtomicReference<>();

	private final AtomicReference<@Nullable JobFault> job = new AtomicReference<>();

	Faults(MeterRegistry registry) {
		for (FaultKind kind : FaultKind.values()) {
			Gauge.builder("crm.faults.active", this, (faults) -> (faults.get(kind) != null) ? 1 : 0)
				.description("Injected faults in effect (1) by kind; exists only while fault injection is enabled")
				.tag("kind", kind.tag())
				.register(registry);
		}
	}

	@Nullable ErrorFault error() {
		return this.error.get();
	}

	@Nullable LatencyFault latency() {
		return this.latency.get();
	}

	@Nullable JobFault job() {
		return this.job.get();
	}

	void set(ErrorFault fault) {
		this.error.set(fault);
		log.atWarn()
			.addKeyValue("fault_kind", FaultKind.ERROR.tag())
			.log("Fault injection set: {} of API requests{} fail with {}", percent(fault.ratio()), scope(fault.route()),
					fault.status());
	}

	void set(LatencyFault fault) {
		this.latency.set(fault);
		log.atWarn()
			.addKeyValue("fault_kind", FaultKind.LATENCY.tag())
			.log("Fault injection set: API requests{} wait {} ms plus up to {} ms", scope(fault.route()),
					fault.delay().toMillis(), fault.jitter().toMillis());
	}

	void set(JobFault fault) {
		this.job.set(fault);
		log.atWarn()
			.addKeyValue("fault_kind", FaultKind.JOB.tag())
			.log("Fault injection set: every run of scheduled job {} fails", fault.job());
	}

	void clear(FaultKind kind) {
		Object previous = switch (kind) {
			case ERROR -> this.error.getAndSet(null);
			case LATENCY -> this.latency.getAndSet(null);
			case JOB -> this.job.getAndSet(null);
		};
		if (previous != null) {
			log.atWarn().addKeyValue("fault_kind", kind.tag()).log("Fault injection cleared: {}", kind.tag());
		}
	}

	/** The faults in effect, by kind; an absent kind is {@code null}. */
	Map<String, @Nullable Object> describe() {
		Map<String, @Nullable Object> faults = new LinkedHashMap<>();
		for (FaultKind kind : FaultKind.values()) {
			faults.put(kind.tag(), switch (kind) {
				case ERROR -> describe(this.error.get());
				case LATENCY -> describe(this.latency.get());
				case JOB -> describe(this.job.get());
			});
		}
		return faults;
	}

	private @Nullable Object get(FaultKind kind) {
		return switch (kind) {
			case ERROR -> this.error.get();
			case LATENCY -> this.latency.get();
			case JOB -> this.job.get();
		};
	}

	private static @Nullable Map<String, @Nullable Object> describe(@Nullable ErrorFault fault) {
		return (fault != null) ? fault.describe() : null;
	}

	private static @Nullable Map<String, @Nullable Object> describe(@Nullable LatencyFault fault) {
		return (fault != null) ? fault.describe() : null;
	}

	private static @Nullable Map<String, @Nullable Object> describe(@Nullable JobFault fault) {
		return (fault != null) ? Map.of("job", fault.job()) : null;
	}

	private static String percent(double ratio) {
		return Math.round(ratio * 1000) / 10.0 + "%";
	}

	private static String scope(@Nullable String route) {
		return (route != null) ? " to " + route : "";
	}

}
