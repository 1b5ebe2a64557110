/**
 * Campaigns: create, read, list, and the cached per-campaign lead statistics. Owns the
 * {@code campaign} table and the stats cache; it must not reach into observability
 * internals (Micrometer's public API is fine).
 */
package dev.crm.campaign;
