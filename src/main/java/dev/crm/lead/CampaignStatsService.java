package dev.crm.lead;

import dev.crm.campaign.CampaignService;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * Lead counts of one campaign, cached. {@link LeadService} evicts a campaign's entry once
 * a change to its leads has committed.
 */
@Service
class CampaignStatsService {

	/** Cache of {@link CampaignStats} by campaign id. */
	static final String CACHE = "campaignStats";

	private final CampaignService campaigns;

	private final LeadRepository leads;

	CampaignStatsService(CampaignService campaigns, LeadRepository leads) {
		this.campaigns = campaigns;
		this.leads = leads;
	}

	@Cacheable(cacheNames = CACHE, key = "#campaignId")
	CampaignStats stats(long campaignId) {
		this.campaigns.requireExists(campaignId);
		return CampaignStats.from(campaignId, this.leads.countByStatus(campaignId));
	}

}
