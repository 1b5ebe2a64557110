package dev.crm.observability.health;

import java.time.Duration;

import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.RedisServer;
import dev.crm.support.RunningApp;
import dev.crm.support.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real redis-server of this test's own, stopped mid-test. Redis only caches, so the
 * service stays ready and serves from PostgreSQL, and health says DEGRADED.
 */
@IntegrationTest
class RedisOutageIntegrationTests {

	private static final RedisServer redis = TestServices.newRedis();

	@Autowired
	RunningApp app;

	@DynamicPropertySource
	static void redisUrl(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", redis::url);
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@Test
	void stoppedRedisDegradesHealthButKeepsTheServiceReadyAndServing() {
		Api api = this.app.api();
		Api management = this.app.management();
		long campaign = api.createCampaign("redis-outage");
		api.createLead(campaign, "grace@example.com");
		assertThat(api.get("/api/v1/campaigns/" + campaign + "/stats").status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(component(management.get("/actuator/health").json(), "redis")).isEqualTo("UP"));

		redis.stop();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Api.Response health = api.get("/health");
			assertThat(health.status()).isEqualTo(200);
			assertThat(health.json().get("status").asString()).isEqualTo("DEGRADED");
			assertThat(component(health.json(), "redis")).isEqualTo("DEGRADED");
			assertThat(component(health.json(), "db")).isEqualTo("UP");
		});
		Api.Response details = management.get("/actuator/health");
		assertThat(details.status()).isEqualTo(200);
		assertThat(details.json().get("components").get("redis").get("details").has("error")).isTrue();
		assertThat(api.get("/ready").status()).isEqualTo(200);
		assertThat(api.get("/live").status()).isEqualTo(200);
		assertThat(management.get("/actuator/prometheus").body())
			.containsPattern("(?m)^crm_health_component_up\\{[^}]*component=\"redis\"[^}]*} 0(\\.0)?$")
			.containsPattern("(?m)^crm_health_component_up\\{[^}]*component=\"db\"[^}]*} 1(\\.0)?$");

		// The cache is bypassed: stats come straight from PostgreSQL, without waiting.
		for (int i = 0; i < 5; i++) {
			long started = System.nanoTime();
			Api.Response stats = api.get("/api/v1/campaigns/" + campaign + "/stats");
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat(stats.status()).isEqualTo(200);
			assertThat(took).isLessThan(Duration.ofSeconds(1));
		}
		assertThat(api.createLead(campaign, "linus@example.com")).isPositive();

		redis.start();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Api.Response health = api.get("/health");
			assertThat(health.json().get("status").asString()).isEqualTo("UP");
			assertThat(component(health.json(), "redis")).isEqualTo("UP");
		});
	}

	private static String component(JsonNode health, String name) {
		return health.get("components").get(name).get("status").asString();
	}

}
