package dev.crm.campaign;

/** Where a campaign runs. Mirrors the CHECK constraint on {@code campaign.channel}. */
public enum Channel {

	EMAIL, SOCIAL, SEARCH, DISPLAY, EVENT, REFERRAL

}
