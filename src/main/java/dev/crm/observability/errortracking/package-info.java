/**
 * Error tracking with Sentry: the one call that reports a 5xx
 * ({@code ServerErrorReporter}), the scrubber every event passes, and
 * {@code crm_sentry_events_total}; and scheduled jobs' cron check-ins
 * ({@code SentryJobCheckIns}, for {@code dev.crm.jobs}). No Sentry type is used outside
 * this package. It uses correlation (the request ID), redaction (what to mask) and the
 * shared route template; it never imports {@code web} or a feature, and never decides
 * what an HTTP answer looks like.
 */
package dev.crm.observability.errortracking;
