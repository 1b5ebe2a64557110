package dev.crm.lead;

import java.util.Map;

import dev.crm.support.ObservedIntegrationTestBase;
import dev.crm.support.PrometheusScrape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeadMetricsIntegrationTests extends ObservedIntegrationTestBase {

	@Test
	void countsCreationsBySourceButNotReplays() {
		long campaign = api().createCampaign("lead metrics");
		PrometheusScrape before = scrape();
		String body = "{\"campaignId\":" + campaign
				+ ",\"email\":\"grace@example.com\",\"name\":\"Grace Hopper\",\"source\":\"REFERRAL\"}";
		Map<String, String> key = Map.of("Idempotency-Key", "lead-metrics-" + campaign);

		assertThat(api().postJson("/api/v1/leads", body, key).status()).isEqualTo(201);
		assertThat(api().postJson("/api/v1/leads", body, key).header("Idempotent-Replayed")).isEqualTo("true");

		PrometheusScrape after = scrape();
		assertThat(creations(after, "REFERRAL") - creations(before, "REFERRAL")).isEqualTo(1.0);
		assertThat(creations(after, "WEB_FORM")).isEqualTo(creations(before, "WEB_FORM"));
		assertThat(value(after, "crm_idempotent_replays_total") - value(before, "crm_idempotent_replays_total"))
			.isEqualTo(1.0);
		assertThat(after.samples("crm_lead_creations_total")).extracting((sample) -> sample.label("source"))
			.containsExactlyInAnyOrder("WEB_FORM", "LANDING_PAGE", "REFERRAL", "IMPORT", "EVENT", "OTHER");
	}

	@Test
	void countsConversionsOnce() {
		long lead = api().createLead(api().createCampaign("conversions"), "alan@example.com");
		double before = value(scrape(), "crm_leads_converted_total");

		assertThat(api().postJson("/api/v1/leads/" + lead + "/conversion", "").status()).isEqualTo(200);
		assertThat(api().postJson("/api/v1/leads/" + lead + "/conversion", "").status()).isEqualTo(409);

		assertThat(value(scrape(), "crm_leads_converted_total") - before).isEqualTo(1.0);
	}

	private static double creations(PrometheusScrape scrape, String source) {
		return scrape.samples("crm_lead_creations_total", (sample) -> sample.has("source", source)).get(0).value();
	}

	private static double value(PrometheusScrape scrape, String name) {
		return scrape.samples(name).get(0).value();
	}

}
