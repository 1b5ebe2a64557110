package dev.crm.jobs;

import java.time.Duration;

/**
 * A scheduled job as monitoring knows it, declared in code next to its
 * {@code @Scheduled}: the same interval drives the schedule, the missed-run alert
 * ({@code crm_job_interval_seconds}) and the Sentry monitor.
 *
 * @param name the {@code job} label and the Sentry monitor slug, in kebab case
 * @param interval the time between two runs
 * @param checkInMargin how late a run may start before Sentry marks it missed
 * @param maxRuntime how long a run may take before Sentry marks it timed out
 */
public record ScheduledJob(String name, Duration interval, Duration checkInMargin, Duration maxRuntime) {

	public ScheduledJob {
		if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
			throw new IllegalArgumentException("A job name is kebab case (a Sentry monitor slug): " + name);
		}
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException(name + ": the interval must be positive");
		}
	}

	/**
	 * Sentry's cron monitors count in whole minutes; a job that runs more often than once
	 * a minute checks in at most once a minute (see {@link Jobs}).
	 */
	public boolean subMinute() {
		return this.interval.compareTo(Duration.ofMinutes(1)) < 0;
	}

}
