package dev.crm.lead;

import java.util.Map;

import org.springframework.stereotype.Component;

/** Read-only lead counts for other features, so they need not query the lead table. */
@Component
public class LeadCounts {

	private final LeadRepository leads;

	LeadCounts(LeadRepository leads) {
		this.leads = leads;
	}

	/** Leads of one campaign per status; statuses without leads are absent. */
	public Map<LeadStatus, Long> countByStatus(long campaignId) {
		return this.leads.countByStatus(campaignId);
	}

}
