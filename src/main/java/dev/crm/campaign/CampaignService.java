package dev.crm.campaign;

import java.util.List;

import dev.crm.web.PageResponse;

import org.springframework.stereotype.Service;

@Service
public class CampaignService {

	private final CampaignRepository campaigns;

	CampaignService(CampaignRepository campaigns) {
		this.campaigns = campaigns;
	}

	public Campaign create(CreateCampaignRequest request) {
		return this.campaigns.insert(request);
	}

	public Campaign get(long id) {
		return this.campaigns.findById(id).orElseThrow(() -> new CampaignNotFoundException(id));
	}

	/**
	 * For features whose data belongs to a campaign: cheaper than {@link #get} when only
	 * existence matters.
	 * @param id the campaign
	 * @throws CampaignNotFoundException when there is no such campaign
	 */
	public void requireExists(long id) {
		if (!this.campaigns.existsById(id)) {
			throw new CampaignNotFoundException(id);
		}
	}

	public PageResponse<Campaign> list(int page, int size) {
		List<Campaign> items = this.campaigns.findPage(PageResponse.offset(page, size), size);
		return PageResponse.of(items, page, size, this.campaigns.count());
	}

}
