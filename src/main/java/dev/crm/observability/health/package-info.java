/**
 * Probes, dependency checks that answer within a time budget, health as metrics, and the
 * SIGTERM drain. Owns no business logic and never imports a feature package.
 */
package dev.crm.observability.health;
