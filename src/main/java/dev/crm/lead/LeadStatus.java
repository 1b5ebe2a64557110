package dev.crm.lead;

/** Mirrors the CHECK constraint on {@code lead.status}. */
public enum LeadStatus {

	NEW, CONVERTED

}
