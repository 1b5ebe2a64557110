package dev.crm.lead;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.RunningApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class LeadApiIntegrationTests {

	@Autowired
	RunningApp app;

	@Autowired
	JdbcClient jdbc;

	Api api;

	long campaign;

	@BeforeEach
	void setUp() {
		this.api = this.app.api();
		this.campaign = this.api.createCampaign("leads-" + UUID.randomUUID());
	}

	@Test
	void createdLeadCanBeReadBackFromItsLocation() {
		Api.Response created = this.api.postJson("/api/v1/leads", Api.leadJson(this.campaign, "ada@example.com"));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("status").asString()).isEqualTo("NEW");
		assertThat(created.json().get("convertedAt").isNull()).isTrue();
		Api.Response read = this.api.get(created.header("Location"));
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.body()).isEqualTo(created.body());
	}

	@Test
	void rejectsLeadForUnknownCampaignWith404() {
		Api.Response response = this.api.postJson("/api/v1/leads", Api.leadJson(999999999, "ada@example.com"));
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json().get("detail").asString()).isEqualTo("Campaign 999999999 does not exist.");
	}

	@Test
	void rejectsSecondLeadWithSameEmailInCampaignIgnoringCase() {
		this.api.createLead(this.campaign, "grace@example.com");
		Api.Response duplicate = this.api.postJson("/api/v1/leads", Api.leadJson(this.campaign, "Grace@Example.com"));
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.body()).doesNotContainIgnoringCase("grace@example.com");
	}

	@Test
	void convertsOnceThenAnswersConflict() {
		long lead = this.api.createLead(this.campaign, "linus@example.com");
		Api.Response converted = this.api.postJson("/api/v1/leads/" + lead + "/conversion", "");
		assertThat(converted.status()).isEqualTo(200);
		assertThat(converted.json().get("status").asString()).isEqualTo("CONVERTED");
		assertThat(converted.json().get("convertedAt").isNull()).isFalse();
		Api.Response again = this.api.postJson("/api/v1/leads/" + lead + "/conversion", "");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(this.api.postJson("/api/v1/leads/999999999/conversion", "").status()).isEqualTo(404);
		assertThat(this.api.get("/api/v1/leads/999999999").status()).isEqualTo(404);
	}

	@Test
	void filtersByCampaignAndStatus() {
		long converted = this.api.createLead(this.campaign, "a@example.com");
		long fresh = this.api.createLead(this.campaign, "b@example.com");
		this.api.postJson("/api/v1/leads/" + converted + "/conversion", "");
		assertThat(ids("/api/v1/leads?campaignId=" + this.campaign)).containsExactly(converted, fresh);
		assertThat(ids("/api/v1/leads?campaignId=" + this.campaign + "&status=CONVERTED")).containsExactly(converted);
		assertThat(ids("/api/v1/leads?campaignId=" + this.campaign + "&status=NEW")).containsExactly(fresh);
		assertThat(ids("/api/v1/leads?status=NEW&size=100")).doesNotContain(converted);
		assertThat(this.api.get("/api/v1/leads?size=101").status()).isEqualTo(400);
	}

	@Test
	void replaysFirstResultForRetriedIdempotencyKey() {
		Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
		String body = Api.leadJson(this.campaign, "retry@example.com");
		Api.Response first = this.api.postJson("/api/v1/leads", body, key);
		assertThat(first.status()).isEqualTo(201);
		assertThat(first.header("Idempotent-Replayed")).isEqualTo("false");
		long lead = first.json().get("id").asLong();
		this.api.postJson("/api/v1/leads/" + lead + "/conversion", "");

		Api.Response retry = this.api.postJson("/api/v1/leads", body, key);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
		assertThat(retry.body()).isEqualTo(first.body());
	}

	@Test
	void rejectsIdempotencyKeyReusedWithDifferentBodyWith422() {
		Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
		assertThat(this.api.postJson("/api/v1/leads", Api.leadJson(this.campaign, "x@example.com"), key).status())
			.isEqualTo(201);
		Api.Response reused = this.api.postJson("/api/v1/leads", Api.leadJson(this.campaign, "y@example.com"), key);
		assertThat(reused.status()).isEqualTo(422);
		assertThat(reused.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(countLeads("y@example.com")).isZero();
	}

	@Test
	void rejectsMalformedIdempotencyKeyWith400() {
		Api.Response response = this.api.postJson("/api/v1/leads", Api.leadJson(this.campaign, "k@example.com"),
				Map.of("Idempotency-Key", "x".repeat(256)));
		assertThat(response.status()).isEqualTo(400);
		assertThat(countLeads("k@example.com")).isZero();
	}

	@Test
	void createsExactlyOneLeadForTwentyConcurrentRetries() throws Exception {
		Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
		String body = Api.leadJson(this.campaign, "storm@example.com");
		int retries = 20;
		CountDownLatch start = new CountDownLatch(1);
		List<Callable<Api.Response>> calls = new ArrayList<>();
		for (int i = 0; i < retries; i++) {
			calls.add(() -> {
				start.await();
				return this.api.postJson("/api/v1/leads", body, key);
			});
		}
		List<Api.Response> responses = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(retries)) {
			List<Future<Api.Response>> futures = calls.stream().map(pool::submit).toList();
			start.countDown();
			for (Future<Api.Response> future : futures) {
				responses.add(future.get());
			}
		}
		assertThat(responses).extracting(Api.Response::status).containsOnly(201);
		Set<String> bodies = responses.stream().map(Api.Response::body).collect(Collectors.toSet());
		assertThat(bodies).hasSize(1);
		assertThat(responses).filteredOn((r) -> "false".equals(r.header("Idempotent-Replayed"))).hasSize(1);
		assertThat(countLeads("storm@example.com")).isEqualTo(1);
	}

	@Test
	void rejectsBodyOverOneMegabyteWith413() {
		String huge = "{\"campaignId\":" + this.campaign + ",\"email\":\"big@example.com\",\"name\":\""
				+ "x".repeat(3 * 1024 * 1024) + "\",\"source\":\"WEB_FORM\"}";
		Api.Response response = this.api.postJson("/api/v1/leads", huge);
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(countLeads("big@example.com")).isZero();
	}

	@Test
	void rejectsChunkedBodyOverOneMegabyteWith413() {
		byte[] chunk = "x".repeat(64 * 1024).getBytes();
		List<byte[]> parts = new ArrayList<>();
		parts.add(("{\"campaignId\":" + this.campaign + ",\"email\":\"chunk@example.com\",\"name\":\"").getBytes());
		for (int i = 0; i < 48; i++) {
			parts.add(chunk);
		}
		parts.add("\",\"source\":\"WEB_FORM\"}".getBytes());
		// An iterable publisher has no known length, so the client sends it chunked.
		HttpRequest.Builder request = HttpRequest.newBuilder(this.api.uri("/api/v1/leads"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArrays(parts));
		Api.Response response = this.api.send(request, Map.of());
		assertThat(response.status()).isEqualTo(413);
		assertThat(countLeads("chunk@example.com")).isZero();
	}

	@Test
	void rejectsTextPlainWith415() {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.api.uri("/api/v1/leads"))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("hello"));
		Api.Response response = this.api.send(request, Map.of());
		assertThat(response.status()).isEqualTo(415);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
	}

	private List<Long> ids(String path) {
		Api.Response response = this.api.get(path);
		assertThat(response.status()).isEqualTo(200);
		List<Long> ids = new ArrayList<>();
		for (JsonNode item : response.json().get("items")) {
			ids.add(item.get("id").asLong());
		}
		return ids;
	}

	private long countLeads(String email) {
		return this.jdbc.sql("SELECT count(*) FROM lead WHERE campaign_id = :campaign AND email = :email")
			.param("campaign", this.campaign)
			.param("email", email)
			.query(Long.class)
			.single();
	}

}
