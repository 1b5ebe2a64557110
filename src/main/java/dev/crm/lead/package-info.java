/**
 * Leads: idempotent creation, reads, filtered lists and conversion, and each campaign's
 * lead statistics ({@code GET /api/v1/campaigns/{id}/stats}) with their cache, which the
 * lead changes evict. Owns the {@code lead} and {@code idempotency_key} tables and the
 * {@code campaignStats} and {@code campaignStatsVersions} caches. Uses {@code campaign}
 * through its public service and exception only, never its repository or tables; must not
 * reach into observability internals (Micrometer's public API is fine).
 */
package dev.crm.lead;
