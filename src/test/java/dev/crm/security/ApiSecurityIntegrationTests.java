package dev.crm.security;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.LogLines;
import dev.crm.support.RunningApp;
import dev.crm.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bearer authentication and scopes on the whole application: refusals are problems,
 * logged as security events and counted; probes and the management port stay open; no
 * token ever reaches a log line.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ApiSecurityIntegrationTests {

	@Autowired
	RunningApp app;

	@Test
	void withoutATokenTheApiAnswersA401ProblemWithAChallenge() {
		Api.Response response = this.app.api().withoutToken().get("/api/v1/campaigns");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("status").asInt()).isEqualTo(401);
		assertThat(problem.get("detail").asString()).isEqualTo("A bearer token is required.");
		assertThat(problem.get("request_id").asString()).isEqualTo(response.header("X-Request-ID"));
		assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/campaigns");
	}

	@Test
	void withTheTokenTheApiServes() {
		assertThat(this.app.api().get("/api/v1/campaigns").status()).isEqualTo(200);
	}

	@Test
	void probesAndTheManagementPortNeedNoToken() {
		Api api = this.app.api().withoutToken();
		for (String probe : List.of("/live", "/ready", "/health")) {
			assertThat(api.get(probe).status()).as(probe).isEqualTo(200);
		}
		assertThat(this.app.management().withoutToken().get("/actuator/prometheus").status()).isEqualTo(200);
	}

	@Test
	void everyHostileTokenIsA401ProblemNeverA500() {
		Api api = this.app.api();
		Map<String, Integer> statuses = new HashMap<>();
		HostileTokens.authorizationHeaders().forEach((name, header) -> {
			Api client = api.withoutToken();
			Api.Response response = (header != null) ? client
				.send(HttpRequest.newBuilder(client.uri("/api/v1/leads/1")).GET(), Map.of("Authorization", header))
					: client.get("/api/v1/leads/1");
			statuses.put(name, response.status());
			if (response.status() == 401) {
				assertThat(response.header("Content-Type")).as(name).isEqualTo("application/problem+json");
				assertThat(response.header("WWW-Authenticate")).as(name).startsWith("Bearer");
				assertThat(response.json().get("request_id")).as(name).isNotNull();
			}
		});
		assertThat(statuses).allSatisfy((name, status) -> assertThat(status).as(name).isEqualTo(401));
	}

	@Test
	void aTokenOverTheHeaderLimitIsA400ProblemFromTheServer() {
		Api client = this.app.api().withoutToken();
		Api.Response response = client.send(HttpRequest.newBuilder(client.uri("/api/v1/leads/1")).GET(),
				Map.of("Authorization", HostileTokens.tenKilobytes()));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
	}

	@Test
	void expiredTokensAreNamedAsSuch() {
		Api.Response response = this.app.api()
			.withToken(TestTokens.builder().expiresAt(java.time.Instant.now().minusSeconds(120)).sign())
			.get("/api/v1/campaigns");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
		assertThat(response.json().get("detail").asString()).isEqualTo("The bearer token has expired.");
	}

	@Test
	void aTokenWithinTheClockSkewIsAccepted() {
		Api.Response response = this.app.api()
			.withToken(TestTokens.builder().expiresAt(java.time.Instant.now().minusSeconds(5)).sign())
			.get("/api/v1/campaigns");
		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void readingNeedsCrmReadAndWritingCrmWrite() {
		Api readOnly = this.app.api().withToken(TestTokens.builder().scope("crm.read").sign());
		Api writeOnly = this.app.api().withToken(TestTokens.builder().scope("crm.write").sign());
		assertThat(readOnly.get("/api/v1/campaigns").status()).isEqualTo(200);
		Api.Response denied = readOnly.postJson("/api/v1/campaigns", "{\"name\":\"Denied\",\"channel\":\"EMAIL\"}");
		assertThat(denied.status()).isEqualTo(403);
		assertThat(denied.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(denied.header("WWW-Authenticate"))
			.isEqualTo("Bearer error=\"insufficient_scope\", scope=\"crm.write\"");
		assertThat(denied.json().get("request_id")).isNotNull();
		assertThat(writeOnly.postJson("/api/v1/campaigns", "{\"name\":\"Allowed\",\"channel\":\"EMAIL\"}").status())
			.isEqualTo(201);
		assertThat(writeOnly.get("/api/v1/campaigns").status()).isEqualTo(403);
	}

	@Test
	void refusalsAreCountedByRouteTemplateAndLoggedAsSecurityEvents(CapturedOutput output) {
		Api.Response refused = this.app.api().withoutToken().get("/api/v1/campaigns/7");
		Api.Response denied = this.app.api()
			.withToken(TestTokens.builder().subject("reader-app").scope("crm.read").sign())
			.postJson("/api/v1/campaigns", "{\"name\":\"Denied\",\"channel\":\"EMAIL\"}");
		String scrape = this.app.scrape().text();
		assertThat(scrape).containsPattern(
				"crm_security_authentication_failures_total\\{[^}]*kind=\"missing\"[^}]*route=\"/api/v1/campaigns/\\{id}\"");
		assertThat(scrape)
			.containsPattern("crm_security_authorization_denials_total\\{[^}]*route=\"/api/v1/campaigns\"");
		assertThat(scrape).containsPattern(
				"http_server_requests_seconds_count\\{[^}]*status=\"401\"[^}]*uri=\"/api/v1/campaigns/\\{id}\"");
		// Lines reach stdout a moment after the answer (the log thread drains every 10
		// ms).
		List<JsonNode> lines = await().atMost(Duration.ofSeconds(20))
			.until(() -> LogLines.parse(output.getOut()),
					(parsed) -> hasAccessLine(parsed, refused) && hasAccessLine(parsed, denied));
		JsonNode authn = eventFor(lines, refused.header("X-Request-ID"), "authn_token_invalid");
		assertThat(LogLines.text(authn, "reason")).isEqualTo("missing");
		assertThat(LogLines.text(authn, "route")).isEqualTo("/api/v1/campaigns/{id}");
		assertThat(LogLines.text(authn, "source_address")).isEqualTo("127.0.0.1");
		JsonNode authz = eventFor(lines, denied.header("X-Request-ID"), "authz_fail");
		assertThat(LogLines.text(authz, "client")).isEqualTo("reader-app");
		assertThat(LogLines.text(authz, "required_scope")).isEqualTo("crm.write");
		// Refused requests still get their one access line, under their route.
		assertThat(lines).filteredOn((line) -> "crm.access".equals(LogLines.text(line, "logger")))
			.filteredOn((line) -> refused.header("X-Request-ID").equals(LogLines.text(line, "request_id")))
			.singleElement()
			.satisfies((line) -> assertThat(LogLines.text(line, "status")).isEqualTo("401"));
	}

	@Test
	void noTokenEverReachesALogLineOrAMetric(CapturedOutput output) {
		List<String> tokens = new ArrayList<>();
		tokens.add(TestTokens.VALID);
		HostileTokens.authorizationHeaders().values().stream().filter((header) -> header != null).forEach(tokens::add);
		this.app.api().get("/api/v1/campaigns");
		HostileTokens.authorizationHeaders()
			.forEach((name, header) -> this.app.api()
				.send(HttpRequest.newBuilder(this.app.api().uri("/api/v1/campaigns")).GET(),
						(header != null) ? Map.of("Authorization", header) : Map.of()));
		// Every line of the requests above is out once the last request's line is.
		Api.Response last = this.app.api().get("/api/v1/campaigns");
		await().atMost(Duration.ofSeconds(20)).until(() -> hasAccessLine(LogLines.parse(output.getOut()), last));
		String logs = output.getOut() + output.getErr() + this.app.scrape().text();
		for (String token : tokens) {
			String credential = token.startsWith("Bearer ") ? token.substring(7) : token;
			if (credential.length() > 8) {
				// A signature (the last part) is the secret half; it must appear nowhere.
				String[] parts = credential.split("\\.");
				assertThat(logs).doesNotContain(credential).doesNotContain(parts[parts.length - 1]);
			}
		}
	}

	private static boolean hasAccessLine(List<JsonNode> lines, Api.Response response) {
		return lines.stream()
			.anyMatch((line) -> "crm.access".equals(LogLines.text(line, "logger"))
					&& response.header("X-Request-ID").equals(LogLines.text(line, "request_id")));
	}

	private static JsonNode eventFor(List<JsonNode> lines, String requestId, String event) {
		return lines.stream()
			.filter((line) -> requestId.equals(LogLines.text(line, "request_id")))
			.filter((line) -> event.equals(LogLines.text(line, "event")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + event + " line for " + requestId));
	}

}
