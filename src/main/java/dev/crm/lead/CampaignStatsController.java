package dev.crm.lead;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A campaign's lead statistics, under the campaign's own path. */
@RestController
class CampaignStatsController {

	private final CampaignStatsService stats;

	CampaignStatsController(CampaignStatsService stats) {
		this.stats = stats;
	}

	@GetMapping(path = "/api/v1/campaigns/{id}/stats", produces = "application/json")
	CampaignStats stats(@PathVariable long id) {
		return this.stats.stats(id);
	}

}
