/**
 * Tests of the monitoring stack as code: Prometheus rules and their unit tests (run by
 * the real {@code promtool}), the SLO rules generated from prometheus/slos.yml and kept
 * in sync with it, Alertmanager routing and notification links (the real {@code amtool}),
 * the Grafana dashboards, the runbooks and the compose stack. They read the repository's
 * files and touch no production code.
 */
package dev.crm.monitoring;
