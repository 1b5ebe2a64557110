/**
 * Campaigns: create, read, list, and the active-campaigns gauge. Owns the
 * {@code campaign} table and {@link dev.crm.campaign.CampaignNotFoundException}, the one
 * answer for an unknown campaign. Must not import {@code lead}: a lead belongs to a
 * campaign, so only {@code lead} may depend on this package. Must not reach into
 * observability internals (Micrometer's public API is fine).
 */
package dev.crm.campaign;
