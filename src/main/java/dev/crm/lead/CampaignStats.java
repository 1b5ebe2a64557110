package dev.crm.lead;

import java.util.EnumMap;
import java.util.Map;

/**
 * Lead counts of one campaign.
 *
 * @param campaignId the campaign
 * @param totalLeads all leads of the campaign
 * @param leadsByStatus counts per lead status, every status present (zero when none)
 * @param conversionRate converted leads divided by all leads, 0 when there are none
 */
public record CampaignStats(long campaignId, long totalLeads, Map<LeadStatus, Long> leadsByStatus,
		double conversionRate) {

	static CampaignStats from(long campaignId, Map<LeadStatus, Long> counts) {
		Map<LeadStatus, Long> byStatus = new EnumMap<>(LeadStatus.class);
		for (LeadStatus status : LeadStatus.values()) {
			byStatus.put(status, counts.getOrDefault(status, 0L));
		}
		long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
		double rate = (total == 0) ? 0.0 : (double) byStatus.get(LeadStatus.CONVERTED) / total;
		return new CampaignStats(campaignId, total, byStatus, rate);
	}

}
