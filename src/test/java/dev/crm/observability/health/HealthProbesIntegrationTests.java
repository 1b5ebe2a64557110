package dev.crm.observability.health;

import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.RunningApp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The probes' contract when all is well, without Redis configured. */
@IntegrationTest
class HealthProbesIntegrationTests {

	@Autowired
	RunningApp app;

	@Test
	void liveReportsTheProcessOnlyWithoutComponents() {
		Api.Response live = this.app.api().get("/live");
		assertThat(live.status()).isEqualTo(200);
		assertThat(live.json().get("status").asString()).isEqualTo("UP");
		assertThat(live.json().has("components")).isFalse();
	}

	@Test
	void readyListsReadinessStateAndDatabaseWithoutDetails() {
		Api.Response ready = this.app.api().get("/ready");
		assertThat(ready.status()).isEqualTo(200);
		JsonNode components = ready.json().get("components");
		assertThat(components.propertyNames()).containsExactlyInAnyOrder("db", "readinessState");
		assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
		assertThat(components.get("db").has("details")).isFalse();
	}

	@Test
	void healthListsEveryComponentAndLeavesRedisOutWhenItIsNotConfigured() {
		Api.Response health = this.app.api().get("/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
		assertThat(health.json().get("components").propertyNames())
			.contains("db", "livenessState", "readinessState", "diskSpace")
			.doesNotContain("redis");
	}

	@Test
	void managementHealthShowsFullDetails() {
		Api.Response health = this.app.management().get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		JsonNode db = health.json().get("components").get("db");
		assertThat(db.get("status").asString()).isEqualTo("UP");
		assertThat(db.get("details").get("database").asString()).isEqualTo("PostgreSQL");
		assertThat(db.get("details").get("poolMax").asInt()).isPositive();
		assertThat(health.json().get("components").has("redis")).isFalse();
	}

	@Test
	void probesAreNotServedOnTheManagementPortRootOrTheApiUnderActuator() {
		assertThat(this.app.api().get("/actuator/health").status()).isEqualTo(404);
		assertThat(this.app.management().get("/actuator/env").status()).isEqualTo(404);
	}

	@Test
	void exportsHealthOfEachDependencyAsAGauge() {
		Api.Response scrape = this.app.management().get("/actuator/prometheus");
		assertThat(scrape.status()).isEqualTo(200);
		assertThat(scrape.body())
			.containsPattern("(?m)^crm_health_component_up\\{[^}]*component=\"db\"[^}]*} 1(\\.0)?$")
			.doesNotContain("component=\"redis\"");
	}

}
