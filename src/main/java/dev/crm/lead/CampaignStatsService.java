package dev.crm.lead;

import dev.crm.campaign.CampaignService;

import org.springframework.stereotype.Service;

/**
 * Lead counts of one campaign, cached. {@link LeadService} evicts a campaign's entry once
 * a change to its leads has committed.
 */
@Service
class CampaignStatsService {

	private final CampaignService campaigns;

	private final LeadRepository leads;

	private final CampaignStatsCache cache;

	CampaignStatsService(CampaignService campaigns, LeadRepository leads, CampaignStatsCache cache) {
		this.campaigns = campaigns;
		this.leads = leads;
		this.cache = cache;
	}

	CampaignStats stats(long campaignId) {
		return this.cache.get(campaignId, () -> {
			this.campaigns.requireExists(campaignId);
			return CampaignStats.from(campaignId, this.leads.countByStatus(campaignId));
		});
	}

}
