package dev.crm.campaign;

import java.util.List;

import dev.crm.lead.LeadCounts;
import dev.crm.lead.LeadsChangedEvent;
import dev.crm.web.PageResponse;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

@Service
public class CampaignService {

	/** Cache of {@link CampaignStats} by campaign id. */
	public static final String STATS_CACHE = "campaignStats";

	private final CampaignRepository campaigns;

	private final LeadCounts leadCounts;

	CampaignService(CampaignRepository campaigns, LeadCounts leadCounts) {
		this.campaigns = campaigns;
		this.leadCounts = leadCounts;
	}

	public Campaign create(CreateCampaignRequest request) {
		return this.campaigns.insert(request);
	}

	public Campaign get(long id) {
		return this.campaigns.findById(id).orElseThrow(() -> new CampaignNotFoundException(id));
	}

	public PageResponse<Campaign> list(int page, int size) {
		List<Campaign> items = this.campaigns.findPage(PageResponse.offset(page, size), size);
		return PageResponse.of(items, page, size, this.campaigns.count());
	}

	public long countActive() {
		return this.campaigns.countByStatus(CampaignStatus.ACTIVE);
	}

	@Cacheable(cacheNames = STATS_CACHE, key = "#campaignId")
	public CampaignStats stats(long campaignId) {
		if (!this.campaigns.existsById(campaignId)) {
			throw new CampaignNotFoundException(campaignId);
		}
		return CampaignStats.from(campaignId, this.leadCounts.countByStatus(campaignId));
	}

	/**
	 * Evicts after the lead change commits: evicting earlier would let a concurrent read
	 * cache the pre-commit counts again.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	@CacheEvict(cacheNames = STATS_CACHE, key = "#event.campaignId()")
	public void onLeadsChanged(LeadsChangedEvent event) {
		// the annotation does the work
	}

}
