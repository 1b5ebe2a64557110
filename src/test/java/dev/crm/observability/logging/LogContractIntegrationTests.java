package dev.crm.observability.logging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.LogLines;
import dev.crm.support.RunningApp;
import dev.crm.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static net.logstash.logback.argument.StructuredArguments.keyValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The log contract, asserted on what the application really writes to stdout: every line
 * is one JSON object with the required fields, request lines carry the request and trace
 * IDs, each request has exactly one access line, no input can break or forge a line, and
 * no secret or personal data gets through.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LogContractIntegrationTests {

	private static final List<String> REQUIRED = List.of("@timestamp", "level", "logger", "message", "service", "env",
			"version", "thread");

	private static final Logger log = LoggerFactory.getLogger(LogContractIntegrationTests.class);

	@Autowired
	RunningApp app;

	@Test
	void everyLineIsOneJsonObjectAndRequestLinesCarryTheirIds(CapturedOutput output) {
		Api api = this.app.api();
		List<String> requestIds = new ArrayList<>();
		long campaignId = api.createCampaign("Log contract");
		// No proxy is trusted by default: a forwarded address is not believed.
		requestIds.add(send(api, "/api/v1/campaigns/" + campaignId, Map.of("X-Forwarded-For", "203.0.113.7")));
		requestIds.add(send(api, "/api/v1/campaigns/999999999"));
		requestIds.add(send(api, "/api/v1/campaigns?page=0&size=5"));
		requestIds.add(send(api, "/no/such/path"));
		Api.Response invalid = api.postJson("/api/v1/campaigns", "{\"name\":", Map.of("X-Request-ID", id()));
		assertThat(invalid.status()).isEqualTo(400);
		requestIds.add(invalid.header("X-Request-ID"));

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(accessLines(output)).extracting((line) -> LogLines.text(line, "request_id"))
				.containsAll(requestIds));

		List<JsonNode> lines = LogLines.parse(output.getOut());
		assertThat(lines).isNotEmpty();
		for (JsonNode line : lines) {
			for (String field : REQUIRED) {
				assertThat(line.hasNonNull(field)).as("%s in %s", field, line).isTrue();
			}
			assertThat(LogLines.text(line, "service")).isEqualTo("crm-api");
			if (line.has("request_id")) {
				assertThat(line.hasNonNull("trace_id")).as("trace_id in %s", line).isTrue();
				assertThat(line.hasNonNull("span_id")).as("span_id in %s", line).isTrue();
			}
		}
		for (String requestId : requestIds) {
			List<JsonNode> access = accessLines(output).stream()
				.filter((line) -> requestId.equals(LogLines.text(line, "request_id")))
				.toList();
			assertThat(access).as("access lines of %s", requestId).hasSize(1);
			JsonNode line = access.get(0);
			for (String field : List.of("method", "route", "status", "duration_ms", "bytes", "client", "trace_id")) {
				assertThat(line.hasNonNull(field)).as("%s in %s", field, line).isTrue();
			}
			assertThat(line.get("trace_id").asString()).matches("[0-9a-f]{32}");
		}
		JsonNode byId = accessLine(output, requestIds.get(0));
		assertThat(LogLines.text(byId, "route")).isEqualTo("/api/v1/campaigns/{id}");
		assertThat(byId.get("status").asInt()).isEqualTo(200);
		assertThat(byId.get("bytes").asLong()).isPositive();
		assertThat(LogLines.text(byId, "client")).isEqualTo("127.0.0.1");
		assertThat(accessLine(output, requestIds.get(1)).get("status").asInt()).isEqualTo(404);
		assertThat(LogLines.text(accessLine(output, requestIds.get(2)), "route")).isEqualTo("/api/v1/campaigns");
		assertThat(LogLines.text(accessLine(output, requestIds.get(3)), "route")).isEqualTo("NOT_FOUND");
		assertThat(accessLine(output, requestIds.get(4)).get("status").asInt()).isEqualTo(400);
		assertThat(output.getOut()).doesNotContain("page=0");
	}

	@Test
	void noInputCanBreakOrForgeALine(CapturedOutput output) {
		String marker = "inj-" + UUID.randomUUID();
		List<String> hostile = List.of("a\r\n{\"level\":\"ERROR\",\"message\":\"forged\"}", "quote\" and \\ backslash",
				"ansi \u001b[31mred\u001b[0m \u009b2J", "line\u2028separator\u2029paragraph\u0085next",
				"big " + "x".repeat(64 * 1024));
		for (String value : hostile) {
			log.info("{} {}", marker, value);
		}
		await().atMost(Duration.ofSeconds(20))
			.until(() -> LogLines.rawAfterStartup(output.getOut()).stream().filter((l) -> l.contains(marker)).count(),
					(count) -> count == hostile.size());

		List<String> raw = LogLines.rawAfterStartup(output.getOut())
			.stream()
			.filter((l) -> l.contains(marker))
			.toList();
		for (String line : raw) {
			assertThat(line).doesNotContain("\r", "\u001b", "\u009b", "\u2028", "\u2029", "\u0085");
		}
		List<String> messages = LogLines.parse(output.getOut())
			.stream()
			.map((line) -> LogLines.text(line, "message"))
			.filter((message) -> message.startsWith(marker))
			.toList();
		assertThat(messages).containsExactlyElementsOf(hostile.stream().map((v) -> marker + " " + v).toList());
		assertThat(LogLines.parse(output.getOut()))
			.noneMatch((line) -> "forged".equals(LogLines.text(line, "message")));
	}

	@Test
	void hostileRequestHeadersNeverReachALineRaw(CapturedOutput output) throws IOException {
		// Quotes, a UTF-8 line separator and 300 characters: Tomcat passes it, our filter
		// replaces it.
		String id = "\"quoted\"-\u2028-" + "y".repeat(300);
		String response = rawRequest("GET /api/v1/campaigns HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
				+ TestTokens.VALID + "\r\nX-Request-ID: " + id + "\r\nConnection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 200");
		String echoed = header(response, "X-Request-ID");
		assertThat(echoed).matches("[A-Za-z0-9._-]{1,128}").doesNotContain("quoted");
		// Control characters (ANSI escapes) never get past Tomcat's header parser.
		String escaped = rawRequest("GET /api/v1/campaigns HTTP/1.1\r\nHost: localhost\r\nX-Request-ID: esc"
				+ "\u001b[31mred\r\nConnection: close\r\n\r\n");
		assertThat(escaped).startsWith("HTTP/1.1 400");
		String huge = rawRequest("GET /api/v1/campaigns HTTP/1.1\r\nHost: localhost\r\nX-Request-ID: "
				+ "z".repeat(64 * 1024) + "\r\nConnection: close\r\n\r\n");
		assertThat(huge).startsWith("HTTP/1.1 4");

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(accessLines(output))
				.anyMatch((line) -> echoed.equals(LogLines.text(line, "request_id"))));
		String out = output.getOut();
		LogLines.parse(out);
		assertThat(out).doesNotContain("quoted", "z".repeat(1000), "y".repeat(300), "esc\u001b");
	}

	@Test
	void noSecretOrPersonalDataReachesTheLogs(CapturedOutput output) {
		String email = "leak." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		// A valid token of its own, so the requests pass and none of it may be logged.
		String token = TestTokens.builder().subject("leak-" + UUID.randomUUID()).sign();
		String cookie = "sess" + UUID.randomUUID().toString().replace("-", "");
		String password = "pw" + UUID.randomUUID().toString().replace("-", "");
		Api api = this.app.api();
		long campaignId = api.createCampaign("Leak test");
		Map<String, String> secrets = Map.of("Authorization", "Bearer " + token, "Cookie", "SESSION=" + cookie);
		String requestId = id();
		Map<String, String> headers = new HashMap<>(secrets);
		headers.put("X-Request-ID", requestId);
		assertThat(api.postJson("/api/v1/leads", Api.leadJson(campaignId, email), headers).status()).isEqualTo(201);
		assertThat(
				api.postJson("/api/v1/leads", "{\"email\":\"" + email + "\",\"campaignId\":\"x\"}", headers).status())
			.isEqualTo(400);
		assertThat(api.send(HttpRequest.newBuilder(api.uri("/api/v1/campaigns?password=" + password)).GET(), headers)
			.status()).isEqualTo(200);
		// What a careless log statement would write, in message, MDC and arguments alike.
		MDC.put("session_cookie", cookie);
		try {
			log.warn("Login by {} with Authorization: Bearer {} and password={}", email, token, password,
					keyValue("password", password), keyValue("token", token));
		}
		finally {
			MDC.remove("session_cookie");
		}

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(accessLines(output)).filteredOn((line) -> requestId.equals(LogLines.text(line, "request_id")))
				.hasSize(3);
			assertThat(output.getOut()).contains("Login by ****");
		});
		assertThat(output.getOut()).doesNotContain(email, token, cookie, password);
	}

	private static String send(Api api, String path) {
		return send(api, path, Map.of());
	}

	private static String send(Api api, String path, Map<String, String> headers) {
		String requestId = id();
		Map<String, String> withId = new HashMap<>(headers);
		withId.put("X-Request-ID", requestId);
		Api.Response response = api.send(HttpRequest.newBuilder(api.uri(path)).GET(), withId);
		assertThat(response.header("X-Request-ID")).isEqualTo(requestId);
		return requestId;
	}

	private static String id() {
		return "log-" + UUID.randomUUID();
	}

	private static List<JsonNode> accessLines(CapturedOutput output) {
		return LogLines.parse(output.getOut())
			.stream()
			.filter((line) -> AccessLog.LOGGER_NAME.equals(LogLines.text(line, "logger")))
			.toList();
	}

	private static JsonNode accessLine(CapturedOutput output, String requestId) {
		return accessLines(output).stream()
			.filter((line) -> requestId.equals(LogLines.text(line, "request_id")))
			.findFirst()
			.orElseThrow();
	}

	private String rawRequest(String request) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.app.port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	private static String header(String response, String name) {
		for (String line : response.split("\r\n")) {
			if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
				return line.substring(name.length() + 1).strip();
			}
		}
		return null;
	}

}
