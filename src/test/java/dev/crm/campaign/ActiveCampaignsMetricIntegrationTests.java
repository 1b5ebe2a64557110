package dev.crm.campaign;

import java.time.Duration;

import dev.crm.support.ObservedIntegrationTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ActiveCampaignsMetricIntegrationTests extends ObservedIntegrationTestBase {

	@Autowired
	JdbcClient jdbc;

	@Test
	void reportsTheActiveCampaignsInTheDatabase() {
		api().createCampaign("active gauge");
		long active = this.jdbc.sql("SELECT count(*) FROM campaign WHERE status = 'ACTIVE'").query(Long.class).single();
		assertThat(active).isPositive();

		// The gauge is refreshed in the background every 10 s.
		await().atMost(Duration.ofSeconds(25))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(scrape().samples("crm_campaigns_active").get(0).value())
				.isEqualTo((double) active));
	}

}
