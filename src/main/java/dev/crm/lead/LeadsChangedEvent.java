package dev.crm.lead;

/**
 * Published when a campaign's leads were created or changed. Listeners that cache derived
 * data should act after commit.
 *
 * @param campaignId the campaign whose leads changed
 */
public record LeadsChangedEvent(long campaignId) {
}
