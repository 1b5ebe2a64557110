package dev.crm.lead;

import java.util.UUID;

import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.RunningApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/campaigns/{id}/stats}, served by the lead feature. */
@IntegrationTest
class CampaignStatsApiIntegrationTests {

	@Autowired
	RunningApp app;

	Api api;

	@BeforeEach
	void setUp() {
		this.api = this.app.api();
	}

	@Test
	void answers404ProblemForStatsOfUnknownCampaign() {
		Api.Response response = this.api.get("/api/v1/campaigns/999999999/stats");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(response.json().get("detail").asString()).isEqualTo("Campaign 999999999 does not exist.");
	}

	@Test
	void statsCountLeadsByStatusWithConversionRate() {
		long campaign = this.api.createCampaign("stats-" + UUID.randomUUID());
		long first = this.api.createLead(campaign, "one@example.com");
		this.api.createLead(campaign, "two@example.com");
		this.api.postJson("/api/v1/leads/" + first + "/conversion", "");
		JsonNode stats = this.api.get("/api/v1/campaigns/" + campaign + "/stats").json();
		assertThat(stats.get("campaignId").asLong()).isEqualTo(campaign);
		assertThat(stats.get("totalLeads").asLong()).isEqualTo(2);
		assertThat(stats.get("leadsByStatus").get("NEW").asLong()).isEqualTo(1);
		assertThat(stats.get("leadsByStatus").get("CONVERTED").asLong()).isEqualTo(1);
		assertThat(stats.get("conversionRate").asDouble()).isEqualTo(0.5);
	}

}
