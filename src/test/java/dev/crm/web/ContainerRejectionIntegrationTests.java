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

import dev.crm.observability.logging.AccessLog;
import dev.crm.support.IntegrationTest;
import dev.crm.support.LogLines;
import dev.crm.support.PrometheusScrape;
import dev.crm.support.RunningApp;
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
 * as a client could: each gets a problem+json answer with a fresh {@code X-Request-ID}
 * that its body repeats and {@code instance} naming the requested path, one access line,
 * and one more count in {@code http_server_requests_seconds}.
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
	 * @param name what is wrong with the request
	 * @param request the bytes sent
	 * @param status the status expected
	 * @param instance the {@code instance} expected: the path as requested
	 * @param route the access line's route, and the metric's {@code uri}
	 * @param traffic the metric's {@code traffic}
	 * @param requestId the {@code X-Request-ID} expected
	 */
	record Rejection(String name, String request, int status, String instance, String route, String traffic,
			String requestId) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	static List<Rejection> rejections() {
		String end = "Host: localhost\r\nX-Request-ID: " + CLIENT_ID + "\r\nConnection: close\r\n\r\n";
		return List.of(
				new Rejection("control character (ESC) in a header value",
						"GET /api/v1/campaigns HTTP/1.1\r\nX-Note: a\u001bb\r\n" + end, 400, "/api/v1/campaigns",
						"UNKNOWN", "api", FRESH),
				new Rejection("malformed percent-encoding", "GET /api/v1/%zz HTTP/1.1\r\n" + end, 400, "/api/v1/%25zz",
						"UNKNOWN", "api", FRESH),
				new Rejection("encoded slash", "GET /api/v1/campaigns%2F1 HTTP/1.1\r\n" + end, 400,
						"/api/v1/campaigns%2F1", "UNKNOWN", "api", FRESH),
				new Rejection("20 KB header",
						"GET /api/v1/campaigns HTTP/1.1\r\nX-Big: " + "b".repeat(20 * 1024) + "\r\n" + end, 400,
						"/api/v1/campaigns", "UNKNOWN", "api", FRESH),
				new Rejection("space in the request line", "GET /api/v1/cam paigns HTTP/1.1\r\n" + end, 400,
						"/api/v1/cam", "UNKNOWN", "api", FRESH),
				new Rejection("TRACE", "TRACE /api/v1/campaigns HTTP/1.1\r\n" + end, 405, "/api/v1/campaigns",
						"UNKNOWN", "api", FRESH),
				new Rejection("path under /WEB-INF", "GET /WEB-INF/web.xml HTTP/1.1\r\n" + end, 404, "/WEB-INF/web.xml",
						"NOT_FOUND", "other", CLIENT_ID));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rejections")
	void answersProblemJsonWithARequestIdAndIsLoggedAndCounted(Rejection rejection, CapturedOutput output)
			throws IOException {
		String method = rejection.request().substring(0, rejection.request().indexOf(' '));
		double countedBefore = counted(method, rejection);

		RawResponse response = send(rejection.request());
		log.info("Raw answer ({}):\n{}", rejection.name(), response.raw());

		assertThat(response.status()).isEqualTo(rejection.status());
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		String requestId = response.header("X-Request-ID");
		assertThat(requestId).matches(rejection.requestId());
		JsonNode problem = JsonMapper.shared().readTree(response.body());
		assertThat(problem.get("request_id").asString()).isEqualTo(requestId);
		assertThat(problem.get("status").asInt()).isEqualTo(rejection.status());
		assertThat(problem.get("instance").asString()).isEqualTo(rejection.instance());
		assertThat(response.body()).doesNotContain("Exception", "Tomcat", "<html");

		JsonNode accessLine = await().atMost(Duration.ofSeconds(20))
			.until(() -> accessLines(output, requestId), (lines) -> !lines.isEmpty())
			.get(0);
		assertThat(accessLines(output, requestId)).hasSize(1);
		assertThat(accessLine.get("status").asInt()).isEqualTo(rejection.status());
		assertThat(LogLines.text(accessLine, "method")).isEqualTo(method);
		assertThat(LogLines.text(accessLine, "route")).isEqualTo(rejection.route());
		assertThat(LogLines.text(accessLine, "trace_id")).matches("[0-9a-f]{32}");
		assertThat(accessLine.get("bytes").asLong()).isPositive();

		assertThat(counted(method, rejection)).isEqualTo(countedBefore + 1);
	}

	private double counted(String method, Rejection rejection) {
		return this.app.scrape()
			.samples("http_server_requests_seconds_count",
					(sample) -> sample.has("method", method)
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
