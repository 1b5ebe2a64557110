package dev.crm.faults;

import java.net.http.HttpRequest;
import java.util.Map;

import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.RunningApp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without the {@code faults} profile, fault injection does not exist: the endpoint is 404
 * for every method, there is no gauge, and nothing can slow or fail a request.
 */
@IntegrationTest
class FaultsOffIntegrationTests {

	@Autowired
	RunningApp app;

	@Test
	void theFaultsEndpointIsNotFoundForAnyMethod() {
		Api management = this.app.management();
		assertThat(management.get("/actuator/faults").status()).isEqualTo(404);
		assertThat(management.postJson("/actuator/faults/error", "{\"ratio\": 1.0}").status()).isEqualTo(404);
		assertThat(
				management.send(HttpRequest.newBuilder(management.uri("/actuator/faults")).DELETE(), Map.of()).status())
			.isEqualTo(404);
		assertThat(this.app.api().get("/actuator/faults").status()).isEqualTo(404);
	}

	@Test
	void thereIsNoFaultGaugeAndRequestsAreServed() {
		Api api = this.app.api();
		long campaign = api.createCampaign("no faults");
		assertThat(api.get("/api/v1/campaigns/" + campaign).status()).isEqualTo(200);
		assertThat(this.app.scrape().metricFamilies()).noneMatch((name) -> name.contains("fault"));
	}

}
