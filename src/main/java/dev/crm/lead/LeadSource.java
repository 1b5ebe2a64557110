package dev.crm.lead;

/**
 * Where a lead came from. A closed set, so it is safe as a metric tag; mirrors the CHECK
 * constraint on {@code lead.source}.
 */
public enum LeadSource {

	WEB_FORM, LANDING_PAGE, REFERRAL, IMPORT, EVENT, OTHER

}
