/**
 * Health: ordinary {@code HealthIndicator}s for PostgreSQL and Redis, each wrapped in a
 * {@code BoundedHealthIndicator} that checks in the background so that probes answer
 * within their time budget, and health as metrics. Owns the {@code crm.health} settings.
 * Imports no feature and no other observability package; shutdown belongs to
 * {@code observability.lifecycle}.
 */
package dev.crm.observability.health;
