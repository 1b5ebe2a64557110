package dev.crm.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Runs the body of every {@code @Scheduled} job and records what monitoring needs. Each
 * job is the {@code scheduled_job} label ({@code job} is Prometheus' own, the scrape
 * job).
 * <ul>
 * <li>{@code crm_job_runs_total{scheduled_job,outcome}}: runs by outcome
 * ({@code success}, {@code failure}). Spring's own
 * {@code tasks_scheduled_execution_seconds} still times each run, but a job that catches
 * its own failure is a success to it.</li>
 * <li>{@code crm_job_last_run_timestamp_seconds} and
 * {@code crm_job_last_success_timestamp_seconds}: when a run last started, and when one
 * last succeeded. Both start at the moment this process registered the job: a fresh
 * process has not missed anything yet, and a job that never succeeds after a restart is
 * late two intervals later, like any other. The alerts take the maximum over instances
 * and over the last 15 minutes, so a restart (a scrape gap) or a second instance never
 * makes a job look late (prometheus/rules/jobs.yml).</li>
 * <li>{@code crm_job_interval_seconds}: the declared interval, which the alerts compare
 * against.</li>
 * <li>a Sentry cron check-in per run ({@link JobCheckIns}): {@code in_progress}, then
 * {@code ok} or {@code error} with the duration and the run's trace ID. A job that runs
 * more often than once a minute (Sentry counts in minutes and rate-limits check-ins)
 * sends one closing check-in at most once a minute.</li>
 * </ul>
 * A failed run never escapes: the next run catches up. The first failure is logged at
 * WARN with the exception's class only, further ones at DEBUG (a job every 10 s during a
 * database outage would flood the log), and the recovery at INFO.
 */
public class Jobs {

	private static final Logger log = LoggerFactory.getLogger(Jobs.class);

	private final MeterRegistry registry;

	private final JobCheckIns checkIns;

	private final Tracer tracer;

	private final Clock clock;

	private final List<JobRunListener> listeners;

	private final Set<String> names = ConcurrentHashMap.newKeySet();

	public Jobs(MeterRegistry registry, JobCheckIns checkIns, Tracer tracer, Clock clock,
			List<JobRunListener> listeners) {
		this.registry = registry;
		this.checkIns = checkIns;
		this.tracer = tracer;
		this.clock = clock;
		this.listeners = List.copyOf(listeners);
	}

	/** Declares a job; call once, from the job's constructor. */
	public MonitoredJob register(ScheduledJob job) {
		if (!this.names.add(job.name())) {
			throw new IllegalStateException("Scheduled job " + job.name() + " is registered twice");
		}
		return new MonitoredJob(job);
	}

	/** The names of the jobs registered so far. */
	public Set<String> names() {
		return Set.copyOf(this.names);
	}

	/** A declared job: {@link #run} wraps each run of its body. */
	public final class MonitoredJob {

		private final ScheduledJob job;

		private final AtomicLong lastRunMillis;

		private final AtomicLong lastSuccessMillis;

		private final AtomicLong lastCheckInMillis;

		private final AtomicBoolean failing = new AtomicBoolean();

		private final Counter successes;

		private final Counter failures;

		private MonitoredJob(ScheduledJob job) {
			this.job = job;
			long now = Jobs.this.clock.millis();
			this.lastRunMillis = new AtomicLong(now);
			this.lastSuccessMillis = new AtomicLong(now);
			// The first run checks in at once.
			this.lastCheckInMillis = new AtomicLong(now - 60_000);
			this.successes = runs("success");
			this.failures = runs("failure");
			timestamp("crm.job.last.run.timestamp", this.lastRunMillis,
					"When a run of the scheduled job last started (or this process registered it)");
			timestamp("crm.job.last.success.timestamp", this.lastSuccessMillis,
					"When a run of the scheduled job last succeeded (or this process registered it)");
			Gauge.builder("crm.job.interval", job, (j) -> j.interval().toMillis() / 1000.0)
				.description("The declared interval between two runs of the scheduled job")
				.baseUnit("seconds")
				.tag("scheduled_job", job.name())
				.register(Jobs.this.registry);
		}

		public ScheduledJob job() {
			return this.job;
		}

		/** Runs the body once, recording and reporting the run; never throws. */
		public void run(Runnable body) {
			long start = Jobs.this.clock.millis();
			this.lastRunMillis.set(start);
			String traceId = traceId();
			boolean checkIn = shouldCheckIn(start);
			Object started = (checkIn && !this.job.subMinute()) ? Jobs.this.checkIns.started(this.job, traceId) : null;
			boolean ok;
			try {
				Jobs.this.listeners.forEach((listener) -> listener.starting(this.job));
				body.run();
				ok = true;
				this.lastSuccessMillis.set(Jobs.this.clock.millis());
				this.successes.increment();
				if (this.failing.getAndSet(false)) {
					log.atInfo().addKeyValue("job", this.job.name()).log("Scheduled job {} recovered", this.job.name());
				}
			}
			catch (RuntimeException ex) {
				ok = false;
				this.failures.increment();
				log.atLevel(this.failing.getAndSet(true) ? Level.DEBUG : Level.WARN)
					.addKeyValue("job", this.job.name())
					.log("Scheduled job {} failed: {}", this.job.name(), ex.getClass().getSimpleName());
			}
			if (checkIn) {
				Duration duration = Duration.ofMillis(Jobs.this.clock.millis() - start);
				Jobs.this.checkIns.finished(this.job, started, ok, duration, traceId);
			}
		}

		/** Every run, or for a sub-minute job the first run of each minute. */
		private boolean shouldCheckIn(long now) {
			if (!this.job.subMinute()) {
				return true;
			}
			long last = this.lastCheckInMillis.get();
			return now - last >= 60_000 && this.lastCheckInMillis.compareAndSet(last, now);
		}

		private Counter runs(String outcome) {
			return Counter.builder("crm.job.runs")
				.description("Runs of the scheduled job by outcome (success, failure)")
				.tag("scheduled_job", this.job.name())
				.tag("outcome", outcome)
				.register(Jobs.this.registry);
		}

		private void timestamp(String name, AtomicLong millis, String description) {
			Gauge.builder(name, millis, (value) -> value.get() / 1000.0)
				.description(description)
				.baseUnit("seconds")
				.tag("scheduled_job", this.job.name())
				.strongReference(true)
				.register(Jobs.this.registry);
		}

		private @Nullable String traceId() {
			Span span = Jobs.this.tracer.currentSpan();
			String traceId = (span != null) ? span.context().traceId() : "";
			return traceId.isEmpty() ? null : traceId;
		}

	}

}
