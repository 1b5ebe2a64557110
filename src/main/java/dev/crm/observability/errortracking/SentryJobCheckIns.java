package dev.crm.observability.errortracking;

import java.time.Duration;

import dev.crm.jobs.JobCheckIns;
import dev.crm.jobs.ScheduledJob;
import io.sentry.CheckIn;
import io.sentry.CheckInStatus;
import io.sentry.IScopes;
import io.sentry.MonitorConfig;
import io.sentry.MonitorSchedule;
import io.sentry.MonitorScheduleUnit;
import io.sentry.SpanContext;
import io.sentry.SpanId;
import io.sentry.protocol.SentryId;
import org.jspecify.annotations.Nullable;

/**
 * Scheduled jobs' runs as Sentry cron check-ins. Each carries the monitor's configuration
 * from the job's declaration (interval, check-in margin, maximum runtime), so Sentry
 * creates or updates the monitor on its own ("upsert") and nobody sets it up by hand.
 * {@link IScopes#captureCheckIn} only enqueues the envelope on the SDK's bounded
 * transport queue: an unreachable Sentry never delays a job.
 */
class SentryJobCheckIns implements JobCheckIns {

	private final IScopes scopes;

	SentryJobCheckIns(IScopes scopes) {
		this.scopes = scopes;
	}

	@Override
	public @Nullable Object started(ScheduledJob job, @Nullable String traceId) {
		CheckIn checkIn = checkIn(job, null, CheckInStatus.IN_PROGRESS, traceId);
		SentryId id = this.scopes.captureCheckIn(checkIn);
		return SentryId.EMPTY_ID.equals(id) ? null : id;
	}

	@Override
	public void finished(ScheduledJob job, @Nullable Object started, boolean ok, Duration duration,
			@Nullable String traceId) {
		CheckIn checkIn = checkIn(job, (started instanceof SentryId id) ? id : null,
				ok ? CheckInStatus.OK : CheckInStatus.ERROR, traceId);
		checkIn.setDuration(duration.toMillis() / 1000.0);
		this.scopes.captureCheckIn(checkIn);
	}

	private static CheckIn checkIn(ScheduledJob job, @Nullable SentryId id, CheckInStatus status,
			@Nullable String traceId) {
		CheckIn checkIn = (id != null) ? new CheckIn(id, job.name(), status) : new CheckIn(job.name(), status);
		checkIn.setMonitorConfig(monitorConfig(job));
		if (traceId != null) {
			checkIn.getContexts().setTrace(new SpanContext(new SentryId(traceId), new SpanId(), "job", null, null));
		}
		return checkIn;
	}

	/**
	 * Sentry schedules count whole minutes: a sub-minute job is a one-minute monitor (it
	 * checks in once a minute, see {@code Jobs}); margins are at least a minute.
	 */
	private static MonitorConfig monitorConfig(ScheduledJob job) {
		long minutes = Math.max(1, job.interval().toMinutes());
		MonitorSchedule schedule = (minutes % 60 == 0)
				? MonitorSchedule.interval((int) (minutes / 60), MonitorScheduleUnit.HOUR)
				: MonitorSchedule.interval((int) minutes, MonitorScheduleUnit.MINUTE);
		MonitorConfig config = new MonitorConfig(schedule);
		config.setCheckinMargin(Math.max(1, job.checkInMargin().toMinutes()));
		config.setMaxRuntime(Math.max(1, job.maxRuntime().toMinutes()));
		config.setTimezone("UTC");
		return config;
	}

}
