package dev.crm;

import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.RunningApp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ApplicationStartsIntegrationTests {

	@Autowired
	RunningApp app;

	@Test
	void servesCampaignListAfterMigrations() {
		Api.Response response = this.app.api().get("/api/v1/campaigns");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("items").isArray()).isTrue();
	}

}
