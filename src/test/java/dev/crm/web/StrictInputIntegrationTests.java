package dev.crm.web;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.crm.observability.errortracking.FailingController;
import dev.crm.observability.errortracking.SentryEvents;
import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.LogLines;
import dev.crm.support.RunningApp;
import dev.crm.support.SentryStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Strict input through the real stack: Tomcat's decoding, PostgreSQL, the log encoder and
 * Sentry (a stand-in). Each request is one that once got a 500, a body-less error or an
 * unmasked log line; each now gets a 4xx problem, stores nothing, logs no ERROR line and
 * sends no Sentry event.
 */
@IntegrationTest
@Import(FailingController.class)
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class StrictInputIntegrationTests {

	static final SentryStandIn sentry = SentryStandIn.start();

	@DynamicPropertySource
	static void sentryDsn(DynamicPropertyRegistry registry) {
		registry.add("sentry.dsn", sentry::dsn);
	}

	@AfterAll
	static void stopSentry() {
		sentry.close();
	}

	@Autowired
	RunningApp app;

	@Autowired
	JdbcClient jdbc;

	@Test
	void campaignNameWithNulCharacterIsRejectedAndNothingIsStored(CapturedOutput output) {
		String name = "nul-" + UUID.randomUUID();
		Api.Response response = send(
				post("/api/v1/campaigns", "{\"name\":\"" + name + "\\u0000x\",\"channel\":\"EMAIL\"}"));
		assertFieldRejected(response, "name");
		assertThat(campaignsNamed(name + "%")).isZero();
		assertNothingReported(output);
	}

	@Test
	void campaignNameWithLoneSurrogateIsRejectedAndNothingIsStored(CapturedOutput output) {
		String name = "surrogate-" + UUID.randomUUID();
		Api.Response response = send(
				post("/api/v1/campaigns", "{\"name\":\"" + name + "\\ud800\",\"channel\":\"EMAIL\"}"));
		assertFieldRejected(response, "name");
		// Before, the driver stored the surrogate as '?'.
		assertThat(campaignsNamed(name + "%")).isZero();
		assertNothingReported(output);
	}

	@Test
	void leadNameAndEmailWithNulCharacterAreRejectedAndNothingIsStored(CapturedOutput output) {
		long campaign = this.app.api().createCampaign("nul-leads-" + UUID.randomUUID());
		assertFieldRejected(
				send(post("/api/v1/leads",
						"{\"campaignId\":" + campaign
								+ ",\"email\":\"a@example.com\",\"name\":\"A\\u0000da\",\"source\":\"WEB_FORM\"}")),
				"name");
		assertFieldRejected(
				send(post("/api/v1/leads",
						"{\"campaignId\":" + campaign
								+ ",\"email\":\"a\\u0000@example.com\",\"name\":\"Ada\",\"source\":\"WEB_FORM\"}")),
				"email");
		assertThat(this.jdbc.sql("SELECT count(*) FROM lead WHERE campaign_id = :campaign")
			.param("campaign", campaign)
			.query(Long.class)
			.single()).isZero();
		assertNothingReported(output);
	}

	@Test
	void overlongUtf8SlashInBodyIsRejectedAndNothingIsStored(CapturedOutput output) {
		String name = "overlong-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("{\"name\":\"" + name + "a").getBytes(StandardCharsets.UTF_8));
		// C0 AF: an overlong, invalid encoding of '/'; Jackson alone stored "a/b".
		body.write(0xC0);
		body.write(0xAF);
		body.writeBytes("b\",\"channel\":\"EMAIL\"}".getBytes(StandardCharsets.UTF_8));
		Api.Response response = send(HttpRequest.newBuilder(this.app.api().uri("/api/v1/campaigns"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertProblem(response);
		assertThat(response.json().get("detail").asString()).isEqualTo("The request body is not well-formed UTF-8.");
		assertThat(campaignsNamed(name + "%")).isZero();
		assertNothingReported(output);
	}

	@Test
	void statusQueryWithNulOrInexactCaseIsRejected(CapturedOutput output) {
		// Spring Boot's lenient enum conversion read each of these as NEW.
		for (String status : List.of("NEW%00", "NEW%20", "%20NEW", "new", "N-E-W")) {
			Api.Response response = send(get("/api/v1/leads?status=" + status));
			assertFieldRejected(response, "status");
			assertThat(response.json().at("/errors/0/message").asString()).isEqualTo("must be one of [NEW, CONVERTED]");
		}
		assertThat(send(get("/api/v1/leads?status=NEW")).status()).isEqualTo(200);
		assertNothingReported(output);
	}

	@Test
	void percentEncodedFullWidthDigitIdIsRejected(CapturedOutput output) {
		long campaign = this.app.api().createCampaign("full-width-" + UUID.randomUUID());
		this.app.api().createLead(campaign, "full-width@example.com");
		// %EF%BC%91 is U+FF11, a full-width 1, which Long.parseLong reads as 1.
		for (HttpRequest.Builder request : List.of(get("/api/v1/campaigns/%EF%BC%91"),
				get("/api/v1/campaigns/%EF%BC%91/stats"), get("/api/v1/leads/%EF%BC%91"),
				post("/api/v1/leads/%EF%BC%91/conversion", ""), get("/api/v1/campaigns/%2B1"),
				get("/api/v1/campaigns/0x1"), get("/api/v1/campaigns/01"))) {
			assertFieldRejected(send(request), "id");
		}
		assertFieldRejected(send(get("/api/v1/leads?campaignId=%EF%BC%91")), "campaignId");
		assertNothingReported(output);
	}

	@Test
	void unparseableAcceptHeaderIsA400Problem(CapturedOutput output) {
		Api.Response response = send(get("/api/v1/campaigns/1").header("Accept", ";;;"));
		assertThat(response.status()).isEqualTo(400);
		assertProblem(response);
		assertThat(response.json().at("/errors/0/field").asString()).isEqualTo("Accept");
		assertNothingReported(output);
	}

	@Test
	void unacceptableAcceptHeaderIsA406Problem(CapturedOutput output) {
		Api.Response response = send(get("/api/v1/campaigns/1").header("Accept", "text/html"));
		assertThat(response.status()).isEqualTo(406);
		assertProblem(response);
		assertNothingReported(output);
	}

	@Test
	void percentEncodedEmailAndBearerTokenInPathAreMaskedInTheLog(CapturedOutput output) {
		String local = "path." + UUID.randomUUID().toString().substring(0, 8);
		String token = "tok" + UUID.randomUUID().toString().replace("-", "");
		String emailRequest = send(get("/api/v1/unknown/" + local + "%40example.com"), 404);
		String tokenRequest = send(get("/api/v1/unknown/Bearer%20" + token), 404);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(messagesOf(output, emailRequest)).contains("No mapping for GET /api/v1/unknown/****");
			assertThat(messagesOf(output, tokenRequest)).contains("No mapping for GET /api/v1/unknown/Bearer ****");
		});
		assertThat(output.getOut()).doesNotContain(local, token);
		assertNothingReported(output);
	}

	private final List<String> requestIds = new ArrayList<>();

	private Api.Response send(HttpRequest.Builder request) {
		String requestId = "strict-" + UUID.randomUUID();
		this.requestIds.add(requestId);
		return this.app.api().send(request, Map.of("X-Request-ID", requestId));
	}

	private String send(HttpRequest.Builder request, int status) {
		Api.Response response = send(request);
		assertThat(response.status()).isEqualTo(status);
		assertProblem(response);
		return response.header("X-Request-ID");
	}

	private HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(this.app.api().uri(path)).GET();
	}

	private HttpRequest.Builder post(String path, String body) {
		return HttpRequest.newBuilder(this.app.api().uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	private long campaignsNamed(String pattern) {
		return this.jdbc.sql("SELECT count(*) FROM campaign WHERE name LIKE :pattern")
			.param("pattern", pattern)
			.query(Long.class)
			.single();
	}

	private static void assertFieldRejected(Api.Response response, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertProblem(response);
		assertThat(response.json().at("/errors/0/field").asString()).isEqualTo(field);
	}

	private static void assertProblem(Api.Response response) {
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("request_id").asString()).isEqualTo(response.header("X-Request-ID"));
		assertThat(response.body()).doesNotContain("Exception", "SQL", "tools.jackson");
	}

	/** No ERROR line and no Sentry event for any request this test sent. */
	private void assertNothingReported(CapturedOutput output) {
		SentryEvents.fence(this.app.api(), sentry, "fence-" + UUID.randomUUID());
		assertThat(sentry.events()).extracting((event) -> event.at("/tags/request_id").asString(""))
			.doesNotContainAnyElementsOf(this.requestIds);
		assertThat(LogLines.parse(output.getOut()))
			.filteredOn((line) -> this.requestIds.contains(LogLines.text(line, "request_id")))
			.extracting((line) -> LogLines.text(line, "level"))
			.isNotEmpty()
			.doesNotContain("ERROR");
	}

	private static List<String> messagesOf(CapturedOutput output, String requestId) {
		return LogLines.parse(output.getOut())
			.stream()
			.filter((line) -> requestId.equals(LogLines.text(line, "request_id")))
			.map((JsonNode line) -> LogLines.text(line, "message"))
			.toList();
	}

}
