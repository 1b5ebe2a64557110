package dev.crm.observability.correlation;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;
import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.RunningApp;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class RequestIdIntegrationTests {

	@Autowired
	RunningApp app;

	@Autowired
	RestClient.Builder restClientBuilder;

	@Autowired
	Tracer tracer;

	@Test
	void echoesValidRequestId() {
		Api.Response response = get("/api/v1/campaigns", "client-id_1.2");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("X-Request-ID")).isEqualTo("client-id_1.2");
	}

	@Test
	void replaces300CharacterRequestId() {
		String tooLong = "a".repeat(300);
		String returned = get("/api/v1/campaigns", tooLong).header("X-Request-ID");
		assertThat(returned).isNotEqualTo(tooLong).matches("[A-Za-z0-9._-]{1,128}");
		assertThat(tooLong).doesNotContain(returned);
	}

	@Test
	void replacesRequestIdWithQuotesAndEscapes() {
		String hostile = "abc\"};\\u0000<script>";
		String returned = get("/api/v1/campaigns", hostile).header("X-Request-ID");
		// A fresh UUID, not a cleaned or truncated copy of the input.
		assertThat(returned).matches(RequestIdTests.GENERATED).doesNotContain("\"", "\\", "<", "script");
	}

	@Test
	void generatesRequestIdWhenMissing() {
		Api api = this.app.api();
		String first = api.get("/api/v1/campaigns").header("X-Request-ID");
		String second = api.get("/api/v1/campaigns").header("X-Request-ID");
		assertThat(first).matches("[A-Za-z0-9._-]{1,128}");
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void problemBodiesCarryTheRequestId() {
		Api.Response missing = get("/api/v1/campaigns/987654321", "problem-id-1");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
		assertThat(missing.json().get("request_id").asString()).isEqualTo("problem-id-1");

		Api.Response unknownPath = get("/definitely/not/here", "problem-id-2");
		assertThat(unknownPath.status()).isEqualTo(404);
		assertThat(unknownPath.json().get("request_id").asString()).isEqualTo("problem-id-2");
	}

	@Test
	void outboundCallsCarryRequestIdAndTraceparent() throws IOException {
		Map<String, String> received = new ConcurrentHashMap<>();
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/downstream", (exchange) -> {
			exchange.getRequestHeaders().forEach((name, values) -> received.put(name.toLowerCase(), values.get(0)));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		server.start();
		Span span = this.tracer.nextSpan().name("outbound-test").start();
		MDC.put(RequestId.MDC_KEY, "outbound-req-7");
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			RestClient client = this.restClientBuilder.baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
				.build();
			client.get().uri("/downstream").retrieve().toBodilessEntity();
		}
		finally {
			MDC.remove(RequestId.MDC_KEY);
			span.end();
			server.stop(0);
		}
		assertThat(received).containsEntry("x-request-id", "outbound-req-7");
		assertThat(received.get("traceparent")).startsWith("00-" + span.context().traceId() + "-");
	}

	private Api.Response get(String path, String requestId) {
		Api api = this.app.api();
		return api.send(HttpRequest.newBuilder(api.uri(path)).GET(), Map.of("X-Request-ID", requestId));
	}

}
