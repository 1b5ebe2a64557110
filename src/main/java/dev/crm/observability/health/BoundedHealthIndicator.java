package dev.crm.observability.health;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.SmartLifecycle;

/**
 * Wraps an ordinary {@link HealthIndicator} so that it answers at once, whatever its
 * dependency does (Boot has no such wrapper yet: spring-boot#43449). The wrapped
 * indicator runs on one background thread of its own, one run at a time, every
 * {@link BoundedHealthProperties#period()}; {@link #health()} only reads the latest
 * result. A run that has not finished within {@link BoundedHealthProperties#timeout()}
 * reads as {@code failureStatus} until it finishes, and no second run starts meanwhile,
 * so a black-holed dependency costs exactly one blocked thread however many probes
 * arrive.
 */
final class BoundedHealthIndicator implements HealthIndicator, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(BoundedHealthIndicator.class);

	/** Before the web server starts, so the first result exists when probes arrive. */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private final String component;

	private final HealthIndicator delegate;

	private final Status failureStatus;

	private final Duration period;

	private final Duration timeout;

	private final CountDownLatch firstResult = new CountDownLatch(1);

	private volatile Health latest;

	/** {@code System.nanoTime()} when the current run started, 0 when idle. */
	private volatile long runningSince;

	private volatile ScheduledExecutorService scheduler;

	/**
	 * @param component the name in health and metrics, for example {@code db}
	 * @param delegate the real check; it should bound its own time too, since a run that
	 * never returns pins the thread
	 * @param failureStatus what a failed or late check reports: {@code DOWN} for a
	 * critical dependency, a milder status for one the service can do without
	 */
	BoundedHealthIndicator(String component, HealthIndicator delegate, Status failureStatus,
			BoundedHealthProperties properties) {
		this.component = component;
		this.delegate = delegate;
		this.failureStatus = failureStatus;
		this.period = properties.period();
		this.timeout = properties.timeout();
		this.latest = Health.status(failureStatus).withDetail("reason", "not checked yet").build();
	}

	String component() {
		return this.component;
	}

	@Override
	public Health health() {
		long started = this.runningSince;
		if (started != 0) {
			long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			if (elapsedMillis > this.timeout.toMillis()) {
				return Health.status(this.failureStatus)
					.withDetail("reason", "no answer within " + this.timeout.toMillis() + " ms")
					.withDetail("waitingMillis", elapsedMillis)
					.build();
			}
		}
		return this.latest;
	}

	boolean isUp() {
		return Status.UP.equals(health().getStatus());
	}

	/** Runs one check now, on the calling thread. */
	void runOnce() {
		long started = System.nanoTime();
		this.runningSince = started;
		Health result;
		try {
			result = this.delegate.health();
		}
		catch (RuntimeException | LinkageError ex) {
			result = failure(ex);
		}
		long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		if (!Status.UP.equals(result.getStatus()) && !this.failureStatus.equals(result.getStatus())) {
			result = Health.status(this.failureStatus).withDetails(result.getDetails()).build();
		}
		else if (Status.UP.equals(result.getStatus()) && tookMillis > this.timeout.toMillis()) {
			result = Health.status(this.failureStatus)
				.withDetail("reason",
						"answered after " + tookMillis + " ms, over the budget of " + this.timeout.toMillis() + " ms")
				.build();
		}
		logTransition(this.latest, result);
		this.latest = result;
		this.runningSince = 0;
		this.firstResult.countDown();
	}

	private Health failure(Throwable ex) {
		// The exception class says what failed; its message may carry hosts or SQL.
		return Health.status(this.failureStatus).withDetail("error", ex.getClass().getName()).build();
	}

	private void logTransition(Health previous, Health current) {
		if (!previous.getStatus().equals(current.getStatus())) {
			if (Status.UP.equals(current.getStatus())) {
				log.info("Health of {} is now {}", this.component, current.getStatus().getCode());
			}
			else {
				log.warn("Health of {} is now {}: {}", this.component, current.getStatus().getCode(),
						current.getDetails());
			}
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().daemon().name("health-check-" + this.component).factory());
		executor.scheduleWithFixedDelay(this::runOnce, 0, this.period.toMillis(), TimeUnit.MILLISECONDS);
		this.scheduler = executor;
		try {
			// Readiness should reflect a real result, not "not checked yet"; but never
			// hold startup longer than one budget.
			this.firstResult.await(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.scheduler;
		if (executor != null) {
			executor.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
