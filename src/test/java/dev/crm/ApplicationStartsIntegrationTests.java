package dev.crm;

import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ApplicationStartsIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void servesCampaignListAfterMigrations() {
		Api.Response response = new Api(this.port).get("/api/v1/campaigns");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("items").isArray()).isTrue();
	}

}
