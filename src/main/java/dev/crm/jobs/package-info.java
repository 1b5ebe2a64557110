/**
 * Scheduled jobs that check in: each {@code @Scheduled} job declares itself
 * ({@link dev.crm.jobs.ScheduledJob}: name, interval, margins) and runs its body through
 * {@link dev.crm.jobs.Jobs}, which counts runs by outcome, keeps last-run and
 * last-success timestamps for the alerts, and reports each run to Sentry's cron monitors
 * through {@link dev.crm.jobs.JobCheckIns}. It names no Sentry type (error tracking
 * implements the check-ins) and knows no feature.
 */
package dev.crm.jobs;
