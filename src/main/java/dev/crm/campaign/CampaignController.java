package dev.crm.campaign;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import dev.crm.web.PageResponse;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/campaigns", produces = "application/json")
class CampaignController {

	private final CampaignService campaigns;

	CampaignController(CampaignService campaigns) {
		this.campaigns = campaigns;
	}

	@PostMapping(consumes = "application/json")
	ResponseEntity<Campaign> create(@Valid @RequestBody CreateCampaignRequest request) {
		Campaign campaign = this.campaigns.create(request);
		return ResponseEntity.created(URI.create("/api/v1/campaigns/" + campaign.id())).body(campaign);
	}

	@GetMapping
	PageResponse<Campaign> list(@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
		return this.campaigns.list(page, size);
	}

	@GetMapping("/{id}")
	Campaign get(@PathVariable long id) {
		return this.campaigns.get(id);
	}

}
