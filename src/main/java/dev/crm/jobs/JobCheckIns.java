package dev.crm.jobs;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Where a job's runs are reported: Sentry's cron monitors when Sentry is on (error
 * tracking implements it), nowhere otherwise. Implementations hand the check-in to an
 * asynchronous queue and return at once: an unreachable Sentry never delays a job.
 */
public interface JobCheckIns {

	/** Reports nothing, for when Sentry is off. */
	JobCheckIns NONE = new JobCheckIns() {

		@Override
		public @Nullable Object started(ScheduledJob job, @Nullable String traceId) {
			return null;
		}

		@Override
		public void finished(ScheduledJob job, @Nullable Object started, boolean ok, Duration duration,
				@Nullable String traceId) {
		}

	};

	/**
	 * A run starts (an {@code in_progress} check-in).
	 * @return what {@link #finished} needs to close the same check-in, or {@code null}
	 */
	@Nullable Object started(ScheduledJob job, @Nullable String traceId);

	/**
	 * A run ended: {@code ok} or {@code error}, with its duration; closes the check-in
	 * {@link #started} opened, or stands alone when {@code started} is {@code null}.
	 */
	void finished(ScheduledJob job, @Nullable Object started, boolean ok, Duration duration, @Nullable String traceId);

}
