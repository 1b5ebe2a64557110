package dev.crm.security;

import java.time.Duration;
import java.util.Set;

import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.PrometheusScrape;
import dev.crm.support.RunningApp;
import dev.crm.support.TestTokens;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token buckets with small limits that refill slowly (one token a second), so that a
 * burst runs them dry within the test whatever the machine's speed.
 */
@IntegrationTest
@TestPropertySource(properties = { "crm.security.rate-limit.client.capacity=3",
		"crm.security.rate-limit.client.per-second=1", "crm.security.rate-limit.failed-authentication.capacity=2",
		"crm.security.rate-limit.failed-authentication.per-second=1" })
class RateLimitIntegrationTests {

	@Autowired
	RunningApp app;

	@Test
	void aClientOverItsBucketGetsA429ProblemWithRetryAfterAndOthersDoNot() {
		Api greedy = this.app.api().withToken(TestTokens.builder().subject("greedy-client").sign());
		Api.Response last = null;
		for (int i = 0; i < 5; i++) {
			last = greedy.get("/api/v1/campaigns");
		}
		assertThat(last.status()).isEqualTo(429);
		assertThat(last.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(Integer.parseInt(last.header("Retry-After"))).isBetween(1, 3);
		assertThat(last.json().get("request_id").asString()).isEqualTo(last.header("X-Request-ID"));
		Api other = this.app.api().withToken(TestTokens.builder().subject("polite-client").sign());
		assertThat(other.get("/api/v1/campaigns").status()).isEqualTo(200);
		assertThat(this.app.scrape().text()).containsPattern(
				"crm_security_rate_limit_rejections_total\\{[^}]*limit=\"client\"[^}]*route=\"/api/v1/campaigns\"");
	}

	@Test
	void anAddressFailingAuthenticationTooOftenGetsA429ButValidTokensStillPass() {
		Api anonymous = this.app.api().withToken("not-a-jwt");
		// Another test of this class may have drained the address's bucket: wait for a
		// token to be back, then drain it.
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> anonymous.get("/api/v1/campaigns/1").status() == 401);
		int[] statuses = new int[3];
		for (int i = 0; i < statuses.length; i++) {
			statuses[i] = anonymous.get("/api/v1/campaigns/1").status();
		}
		assertThat(statuses).containsOnly(401, 429).endsWith(429);
		// Clients with a valid token behind the same address (a NAT, a proxy) go on.
		assertThat(this.app.api()
			.withToken(TestTokens.builder().subject("behind-the-same-nat").sign())
			.get("/api/v1/campaigns")
			.status()).isEqualTo(200);
	}

	@Test
	void securityCountersAddSeriesPerRouteNotPerClientOrAddress() {
		for (int i = 0; i < 50; i++) {
			this.app.api()
				.withToken(TestTokens.builder().subject("client-" + i).scope("crm.read").sign())
				.postJson("/api/v1/campaigns", "{\"name\":\"n\",\"channel\":\"EMAIL\"}");
			this.app.api().withoutToken().get("/api/v1/campaigns/" + i + "/stats");
		}
		PrometheusScrape scrape = this.app.scrape();
		Set<String> series = scrape.series((sample) -> sample.name().startsWith("crm_security_"));
		// Three families, a handful of routes, five kinds and two limits: never 50 of
		// anything.
		assertThat(series).hasSizeLessThan(40);
		assertThat(series).noneMatch((line) -> line.contains("client-") || line.contains("127.0.0.1"));
	}

}
