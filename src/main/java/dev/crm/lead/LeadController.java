package dev.crm.lead;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import dev.crm.web.PageResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/leads", produces = "application/json")
class LeadController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/** Tells a client that the response replays an earlier request's result. */
	static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	private final LeadService leads;

	LeadController(LeadService leads) {
		this.leads = leads;
	}

	@PostMapping(consumes = "application/json")
	ResponseEntity<Lead> create(@Valid @RequestBody CreateLeadRequest request,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
		LeadService.LeadCreation creation = this.leads.create(request, idempotencyKey);
		Lead lead = creation.lead();
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/v1/leads/" + lead.id()))
			.header(IDEMPOTENT_REPLAYED, Boolean.toString(creation.replayed()))
			.body(lead);
	}

	@GetMapping
	PageResponse<Lead> list(@RequestParam(required = false) @Positive Long campaignId,
			@RequestParam(required = false) LeadStatus status, @RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
		return this.leads.list(campaignId, status, page, size);
	}

	@GetMapping("/{id}")
	Lead get(@PathVariable long id) {
		return this.leads.get(id);
	}

	@PostMapping("/{id}/conversion")
	Lead convert(@PathVariable long id) {
		return this.leads.convert(id);
	}

}
