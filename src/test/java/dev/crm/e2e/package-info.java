/**
 * The end-to-end suite: the real jar, PostgreSQL, redis-server, Prometheus, Alertmanager
 * and the four exporters as processes, with the repository's own monitoring files,
 * started through the launcher the native stack uses ({@code dev.crm.stack}). Faults make
 * each alert fire; a local capture server stands in for PagerDuty, Slack and the
 * heartbeat. Only addresses, intervals, secret files and receiver URLs are rewritten.
 */
package dev.crm.e2e;
