package dev.crm.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.crm.observability.logging.AccessLog;
import dev.crm.support.IntegrationTest;
import dev.crm.support.LogLines;
import dev.crm.support.PrometheusScrape;
import dev.crm.support.RunningApp;
import dev.crm.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Requests that Tomcat rejects before any filter runs, sent byte for byte over a socket
 * as a client could: each gets a 4xx problem+json answer (never a 5xx, protocol
 * rejections included) with a fresh {@code X-Request-ID} that its body repeats and
 * {@code instance} naming the requested path when Tomcat read one, one access line, and
 * one more count in {@code http_server_requests_seconds} with {@code traffic="rejected"}.
 * Requests that pass Tomcat but carry a query string it cannot decode get the same from
 * the application. A request line without a version (HTTP/0.9 to Tomcat) is rejected like
 * the others, with a status line and headers.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ContainerRejectionIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(ContainerRejectionIntegrationTests.class);

	/** A generated request ID: a random UUID. */
	private static final String FRESH = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	private static final String CLIENT_ID = "client-chosen";

	@Autowired
	RunningApp app;

	/**
	 * @param name what the request sends
	 * @param request the bytes sent, one char per byte
	 * @param status the status expected
	 * @param method the method the access line names: {@code UNKNOWN} when Tomcat stopped
	 * before it
	 * @param instance the {@code instance} expected: the path as requested, or
	 * {@code null} when Tomcat stopped before it
	 * @param route the access line's route, and the metric's {@code uri}
	 * @param traffic the metric's {@code traffic}
	 * @param requestId the {@code X-Request-ID} expected
	 */
	record Rejection(String name, String request, int status, String method, String instance, String route,
			String traffic, String requestId) {

		@Override
		public String toString() {
			return this.name;
		}

		/** The metric's {@code method}: Spring's convention names the others UNKNOWN. */
		String metricMethod() {
			return HTTP_METHODS.contains(this.method) ? this.method : "UNKNOWN";
		}

	}

	private static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
			"TRACE");

	static List<Rejection> rejections() {
		// With a valid token: the cases test what the container refuses, not
		// authentication.
		String end = "Host: localhost\r\nAuthorization: Bearer " + TestTokens.VALID + "\r\nX-Request-ID: " + CLIENT_ID
				+ "\r\nConnection: close\r\n\r\n";
		String campaigns = "/api/v1/campaigns";
		return List.of(
				new Rejection("control character (ESC) in a header value",
						"GET /api/v1/campaigns HTTP/1.1\r\nX-Note: a\u001bb\r\n" + end, 400, "GET", campaigns,
						"UNKNOWN", "rejected", FRESH),
				new Rejection("malformed percent-encoding", "GET /api/v1/%zz HTTP/1.1\r\n" + end, 400, "GET",
						"/api/v1/%25zz", "UNKNOWN", "rejected", FRESH),
				new Rejection("encoded slash", "GET /api/v1/campaigns%2F1 HTTP/1.1\r\n" + end, 400, "GET",
						"/api/v1/campaigns%2F1", "UNKNOWN", "rejected", FRESH),
				new Rejection("20 KB header",
						"GET /api/v1/campaigns HTTP/1.1\r\nX-Big: " + "b".repeat(20 * 1024) + "\r\n" + end, 400, "GET",
						campaigns, "UNKNOWN", "rejected", FRESH),
				new Rejection("space in the request line", "GET /api/v1/cam paigns HTTP/1.1\r\n" + end, 400, "GET",
						"/api/v1/cam", "UNKNOWN", "rejected", FRESH),
				new Rejection("TRACE", "TRACE /api/v1/campaigns HTTP/1.1\r\n" + end, 405, "TRACE", campaigns, "UNKNOWN",
						"rejected", FRESH),
				new Rejection("request line of garbage", "\u0001\u0002\u0003garbage\r\n" + end, 400, "UNKNOWN", null,
						"UNKNOWN", "rejected", FRESH),
				new Rejection("request line with a NUL byte", "GET /api/v1/campaigns/\u0000 HTTP/1.1\r\n" + end, 400,
						"GET", null, "UNKNOWN", "rejected", FRESH),
				new Rejection("request line with a 0xFF byte", "GET /api/v1/campaigns/\u00ff HTTP/1.1\r\n" + end, 400,
						"GET", null, "UNKNOWN", "rejected", FRESH),
				new Rejection("request line with raw UTF-8 (\u00e9)",
						"GET /api/v1/campaigns/\u00c3\u00a9 HTTP/1.1\r\n" + end, 400, "GET", null, "UNKNOWN",
						"rejected", FRESH),
				new Rejection("full-width digit sent as raw UTF-8 in the path",
						"GET /api/v1/campaigns/\u00ef\u00bc\u0091 HTTP/1.1\r\n" + end, 400, "GET", null, "UNKNOWN",
						"rejected", FRESH),
				new Rejection("# in the path", "GET /api/v1/campaigns/#1 HTTP/1.1\r\n" + end, 400, "GET", null,
						"UNKNOWN", "rejected", FRESH),
				new Rejection("request line over 8 KB",
						"GET /api/v1/campaigns?q=" + "a".repeat(9 * 1024) + " HTTP/1.1\r\n" + end, 400, "GET", null,
						"UNKNOWN", "rejected", FRESH),
				new Rejection("request line without a version (HTTP/0.9)", "GET /api/v1/campaigns\r\n" + end, 400,
						"GET", campaigns, "UNKNOWN", "rejected", FRESH),
				new Rejection("request line of two words", "hello world\r\n\r\n", 400, "hello", null, "UNKNOWN",
						"rejected", FRESH),
				new Rejection("method with @", "GE@T /api/v1/campaigns HTTP/1.1\r\n" + end, 400, "UNKNOWN", null,
						"UNKNOWN", "rejected", FRESH),
				new Rejection("method with braces", "G{T} /api/v1/campaigns HTTP/1.1\r\n" + end, 400, "UNKNOWN", null,
						"UNKNOWN", "rejected", FRESH),
				new Rejection("query string with brackets", "GET /api/v1/campaigns?x[]=1&x[a]=2 HTTP/1.1\r\n" + end,
						400, "GET", null, "UNKNOWN", "rejected", FRESH),
				new Rejection("CONNECT to an API route", "CONNECT /api/v1/campaigns HTTP/1.1\r\n" + end, 405, "CONNECT",
						campaigns, "UNKNOWN", "rejected", FRESH),
				new Rejection("CONNECT to a host by IP address",
						"CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443\r\nConnection: close\r\n\r\n", 405,
						"CONNECT", null, "UNKNOWN", "rejected", FRESH),
				new Rejection("Transfer-Encoding: gzip, chunked",
						"POST /api/v1/campaigns HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n" + end + "0\r\n\r\n",
						400, "POST", campaigns, "UNKNOWN", "rejected", FRESH),
				new Rejection("Transfer-Encoding: identity",
						"POST /api/v1/campaigns HTTP/1.1\r\nTransfer-Encoding: identity\r\n" + end, 400, "POST",
						campaigns, "UNKNOWN", "rejected", FRESH),
				new Rejection("HTTP/1.2", "GET /api/v1/campaigns HTTP/1.2\r\n" + end, 400, "GET", campaigns, "UNKNOWN",
						"rejected", FRESH),
				new Rejection("HTTP/9.9", "GET /api/v1/campaigns HTTP/9.9\r\n" + end, 400, "GET", campaigns, "UNKNOWN",
						"rejected", FRESH),
				new Rejection("query string with a malformed escape", "GET /api/v1/campaigns?%zz=1 HTTP/1.1\r\n" + end,
						400, "GET", campaigns, campaigns, "api", CLIENT_ID),
				new Rejection("query string of empty names", "GET /api/v1/campaigns?&&&&=&=& HTTP/1.1\r\n" + end, 400,
						"GET", campaigns, campaigns, "api", CLIENT_ID),
				new Rejection("path under /WEB-INF", "GET /WEB-INF/web.xml HTTP/1.1\r\n" + end, 404, "GET",
						"/WEB-INF/web.xml", "NOT_FOUND", "other", CLIENT_ID));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rejections")
	void answersProblemJsonWithARequestIdAndIsLoggedAndCounted(Rejection rejection, CapturedOutput output)
			throws IOException {
		double countedBefore = counted(rejection);

		RawResponse response = send(rejection.request());
		log.info("Raw answer ({}):\n{}", rejection.name(), response.raw());

		assertThat(response.status()).isEqualTo(rejection.status());
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		String requestId = response.header("X-Request-ID");
		assertThat(requestId).matches(rejection.requestId());
		JsonNode problem = JsonMapper.shared().readTree(response.body());
		assertThat(problem.get("request_id").asString()).isEqualTo(requestId);
		assertThat(problem.get("status").asInt()).isEqualTo(rejection.status());
		if (rejection.instance() != null) {
			assertThat(problem.get("instance").asString()).isEqualTo(rejection.instance());
		}
		else {
			assertThat(problem.has("instance")).isFalse();
		}
		assertThat(response.body()).doesNotContain("Exception", "Tomcat", "<html");

		JsonNode accessLine = await().atMost(Duration.ofSeconds(20))
			.until(() -> accessLines(output, requestId), (lines) -> !lines.isEmpty())
			.get(0);
		assertThat(accessLines(output, requestId)).hasSize(1);
		assertThat(accessLine.get("status").asInt()).isEqualTo(rejection.status());
		assertThat(LogLines.text(accessLine, "method")).isEqualTo(rejection.method());
		assertThat(LogLines.text(accessLine, "route")).isEqualTo(rejection.route());
		assertThat(LogLines.text(accessLine, "trace_id")).matches("[0-9a-f]{32}");
		assertThat(accessLine.get("bytes").asLong()).isPositive();

		assertThat(counted(rejection)).isEqualTo(countedBefore + 1);
	}

	@Test
	void connectIsNotAllowedAndSaysWhichMethodsAre() throws IOException {
		RawResponse response = send(
				"CONNECT localhost:443 HTTP/1.1\r\nHost: localhost:443\r\nConnection: close\r\n\r\n");

		assertThat(response.status()).isEqualTo(405);
		assertThat(response.header("Allow")).contains("GET", "POST").doesNotContain("CONNECT");
		assertThat(JsonMapper.shared().readTree(response.body()).get("detail").asString()).contains("CONNECT");
	}

	/**
	 * Tomcat keeps a processor in HTTP/0.9 mode after a request line without a version,
	 * and the next request line it cannot parse on that processor, from any connection,
	 * was answered with the body alone.
	 */
	@Test
	void malformedRequestLineAfterOneWithoutAVersionIsAnsweredWithAStatusLine() throws IOException {
		for (int i = 0; i < 5; i++) {
			assertThat(send("GET /live\r\n\r\n").status()).isEqualTo(400);

			RawResponse garbage = send("\u0001garbage\r\n\r\n");

			assertThat(garbage.status()).isEqualTo(400);
			assertThat(garbage.header("Content-Type")).startsWith("application/problem+json");
			assertThat(garbage.header("X-Request-ID")).matches(FRESH);
		}
	}

	private double counted(Rejection rejection) {
		return this.app.scrape()
			.samples("http_server_requests_seconds_count",
					(sample) -> sample.has("method", rejection.metricMethod())
							&& sample.has("status", Integer.toString(rejection.status()))
							&& sample.has("uri", rejection.route()) && sample.has("traffic", rejection.traffic()))
			.stream()
			.mapToDouble(PrometheusScrape.Sample::value)
			.sum();
	}

	private static List<JsonNode> accessLines(CapturedOutput output, String requestId) {
		return LogLines.parse(output.getOut())
			.stream()
			.filter((line) -> AccessLog.LOGGER_NAME.equals(LogLines.text(line, "logger")))
			.filter((line) -> requestId.equals(LogLines.text(line, "request_id")))
			.toList();
	}

	private RawResponse send(String request) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.app.port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return RawResponse.parse(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
		}
	}

	/** An HTTP/1.1 response as read off the socket; a chunked body is reassembled. */
	record RawResponse(String raw, int status, Map<String, String> headers, String body) {

		static RawResponse parse(String raw) {
			assertThat(raw).as("an HTTP/1.1 answer, not a body alone (HTTP/0.9)").startsWith("HTTP/1.1 ");
			int end = raw.indexOf("\r\n\r\n");
			String[] head = raw.substring(0, end).split("\r\n");
			int status = Integer.parseInt(head[0].split(" ")[1]);
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < head.length; i++) {
				int colon = head[i].indexOf(':');
				headers.put(head[i].substring(0, colon).toLowerCase(Locale.ROOT), head[i].substring(colon + 1).strip());
			}
			String body = raw.substring(end + 4);
			if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				body = dechunk(body);
			}
			return new RawResponse(raw, status, headers, body);
		}

		String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		private static String dechunk(String chunked) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			int at = 0;
			while (true) {
				int lineEnd = chunked.indexOf("\r\n", at);
				int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
				if (size == 0) {
					return body.toString(StandardCharsets.ISO_8859_1);
				}
				body.writeBytes(
						chunked.substring(lineEnd + 2, lineEnd + 2 + size).getBytes(StandardCharsets.ISO_8859_1));
				at = lineEnd + 2 + size + 2;
			}
		}

	}

}
