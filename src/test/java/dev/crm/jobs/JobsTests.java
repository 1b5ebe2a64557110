package dev.crm.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * What {@link Jobs} records for each run: runs by outcome, the last-run and last-success
 * timestamps the alerts read, and a check-in per run (once a minute for a job that runs
 * more often).
 */
class JobsTests {

	private static final ScheduledJob HOURLY = new ScheduledJob("hourly-job", Duration.ofHours(1),
			Duration.ofMinutes(5), Duration.ofMinutes(10));

	private static final ScheduledJob EVERY_TEN_SECONDS = new ScheduledJob("frequent-job", Duration.ofSeconds(10),
			Duration.ofMinutes(2), Duration.ofMinutes(1));

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final RecordedCheckIns checkIns = new RecordedCheckIns();

	private @Nullable String failing;

	private final MovableClock clock = new MovableClock(Instant.parse("2026-12-05T10:00:00Z"));

	private final Jobs jobs = new Jobs(this.registry, this.checkIns, Tracer.NOOP, this.clock,
			List.of(this::failWhenAsked));

	@Test
	void aSuccessfulRunIsCountedTimestampedAndChecksInOk() {
		Jobs.MonitoredJob job = this.jobs.register(HOURLY);
		this.clock.advance(Duration.ofMinutes(60));
		job.run(() -> this.clock.advance(Duration.ofSeconds(3)));

		assertThat(runs("hourly-job", "success")).isEqualTo(1);
		assertThat(runs("hourly-job", "failure")).isZero();
		assertThat(gauge("crm.job.last.run.timestamp", "hourly-job"))
			.isEqualTo(Instant.parse("2026-12-05T11:00:00Z").getEpochSecond());
		assertThat(gauge("crm.job.last.success.timestamp", "hourly-job"))
			.isEqualTo(Instant.parse("2026-12-05T11:00:03Z").getEpochSecond());
		assertThat(gauge("crm.job.interval", "hourly-job")).isEqualTo(3600);
		assertThat(this.checkIns.calls).containsExactly("started hourly-job", "finished hourly-job ok PT3S");
	}

	@Test
	void aFailedRunIsCountedChecksInErrorAndNeverEscapes() {
		Jobs.MonitoredJob job = this.jobs.register(HOURLY);
		this.clock.advance(Duration.ofMinutes(60));
		assertThatNoException().isThrownBy(() -> job.run(() -> {
			throw new IllegalStateException("database away");
		}));

		assertThat(runs("hourly-job", "failure")).isEqualTo(1);
		assertThat(runs("hourly-job", "success")).isZero();
		assertThat(gauge("crm.job.last.run.timestamp", "hourly-job"))
			.isEqualTo(Instant.parse("2026-12-05T11:00:00Z").getEpochSecond());
		assertThat(gauge("crm.job.last.success.timestamp", "hourly-job")).as("still the registration")
			.isEqualTo(Instant.parse("2026-12-05T10:00:00Z").getEpochSecond());
		assertThat(this.checkIns.calls).containsExactly("started hourly-job", "finished hourly-job error PT0S");
	}

	@Test
	void aListenerThatThrowsFailsTheRunWithoutRunningTheBody() {
		Jobs.MonitoredJob job = this.jobs.register(HOURLY);
		this.failing = "hourly-job";
		boolean[] ran = { false };
		job.run(() -> ran[0] = true);

		assertThat(ran[0]).isFalse();
		assertThat(runs("hourly-job", "failure")).isEqualTo(1);
		assertThat(this.checkIns.calls).containsExactly("started hourly-job", "finished hourly-job error PT0S");
	}

	@Test
	void aJobIsRegisteredOnce() {
		this.jobs.register(HOURLY);
		assertThatIllegalStateException().isThrownBy(() -> this.jobs.register(HOURLY))
			.withMessageContaining("hourly-job");
		assertThat(this.jobs.names()).containsExactly("hourly-job");
	}

	@Test
	void aFreshProcessCountsAsHavingJustRunAndSucceeded() {
		this.jobs.register(HOURLY);
		long registered = Instant.parse("2026-12-05T10:00:00Z").getEpochSecond();
		assertThat(gauge("crm.job.last.run.timestamp", "hourly-job")).isEqualTo(registered);
		assertThat(gauge("crm.job.last.success.timestamp", "hourly-job")).isEqualTo(registered);
		assertThat(runs("hourly-job", "success")).isZero();
		assertThat(runs("hourly-job", "failure")).isZero();
	}

	@Test
	void aSubMinuteJobChecksInOnceAMinuteWithoutInProgress() {
		Jobs.MonitoredJob job = this.jobs.register(EVERY_TEN_SECONDS);
		for (int run = 0; run < 12; run++) {
			job.run(() -> {
			});
			this.clock.advance(Duration.ofSeconds(10));
		}
		assertThat(runs("frequent-job", "success")).isEqualTo(12);
		assertThat(this.checkIns.calls).containsExactly("finished frequent-job ok PT0S",
				"finished frequent-job ok PT0S");
	}

	private void failWhenAsked(ScheduledJob job) {
		if (job.name().equals(this.failing)) {
			throw new IllegalStateException("failing on purpose");
		}
	}

	private double runs(String job, String outcome) {
		return this.registry.get("crm.job.runs").tag("scheduled_job", job).tag("outcome", outcome).counter().count();
	}

	private double gauge(String name, String job) {
		return this.registry.get(name).tag("scheduled_job", job).gauge().value();
	}

	private static final class RecordedCheckIns implements JobCheckIns {

		private final List<String> calls = new ArrayList<>();

		@Override
		public @Nullable Object started(ScheduledJob job, @Nullable String traceId) {
			this.calls.add("started " + job.name());
			return job.name();
		}

		@Override
		public void finished(ScheduledJob job, @Nullable Object started, boolean ok, Duration duration,
				@Nullable String traceId) {
			assertThat(started).isEqualTo(job.subMinute() ? null : job.name());
			this.calls.add("finished " + job.name() + " " + (ok ? "ok" : "error") + " " + duration);
		}

	}

	private static final class MovableClock extends Clock {

		private Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
