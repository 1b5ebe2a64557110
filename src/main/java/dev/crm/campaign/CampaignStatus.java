package dev.crm.campaign;

/** Mirrors the CHECK constraint on {@code campaign.status}. */
public enum CampaignStatus {

	ACTIVE, PAUSED, ARCHIVED

}
