/**
 * The cost of monitoring, budgeted: the budgets a team sets for what crm-api emits,
 * exported as gauges so that the budget alerts (prometheus/rules/cost.yml) compare
 * Prometheus' own measurements against the running service's setting. It knows no feature
 * and names no Sentry type.
 */
package dev.crm.cost;
