package dev.crm.observability.tracing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import dev.crm.observability.tracing.OtlpReceiver.ReceivedSpan;
import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.LogLines;
import dev.crm.support.RunningApp;
import dev.crm.support.TestServices;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spans leave the application over OTLP/HTTP and a collector receives what it needs to
 * join them to the other signals: the resource names the service, build and deployment
 * exactly as the log lines do, the server span carries its route and the caller's parent,
 * repository and Redis calls are its children, and sampling is the README's: a caller's
 * decision is kept, a new trace is kept when its ID falls in the configured share. The
 * collector is {@link OtlpReceiver}, a stand-in at a boundary we don't own.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
		properties = { "crm.environment=otlp-test", "management.opentelemetry.tracing.export.schedule-delay=50ms" })
@DirtiesContext
class OtlpExportIntegrationTests {

	/**
	 * management.tracing.sampling.probability as application.yml and the README set it.
	 */
	private static final double DOCUMENTED_SAMPLING_PROBABILITY = 0.1;

	private static final OtlpReceiver receiver = OtlpReceiver.start();

	@Autowired
	RunningApp app;

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint", receiver::endpoint);
		registry.add("spring.data.redis.url", () -> TestServices.redis().url());
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void exportsTheServerSpanWithItsRouteTheCallersParentAndChildSpansForRepositoryAndRedis(CapturedOutput output) {
		Api api = this.app.api();
		long campaign = api.createCampaign("otlp " + UUID.randomUUID());
		String traceId = hex(16);
		String callerSpanId = hex(8);
		String requestId = "otlp-" + UUID.randomUUID();

		Api.Response response = api.send(
				HttpRequest.newBuilder(api.uri("/api/v1/campaigns/" + campaign + "/stats")).GET(),
				Map.of("traceparent", "00-" + traceId + "-" + callerSpanId + "-01", "X-Request-ID", requestId));
		assertThat(response.status()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			List<ReceivedSpan> trace = receiver.trace(traceId);
			ReceivedSpan server = serverSpan(trace);
			assertThat(server.parentSpanId()).as("parent from the incoming traceparent").isEqualTo(callerSpanId);
			assertThat(server.name()).isEqualTo("http get /api/v1/campaigns/{id}/stats");
			assertThat(server.attributes()).containsEntry("http.route", "/api/v1/campaigns/{id}/stats")
				.containsEntry("uri", "/api/v1/campaigns/{id}/stats")
				.containsEntry("method", "GET")
				.containsEntry("status", "200");
			assertThat(trace).as("a repository call, child of the server span").anySatisfy((span) -> {
				assertThat(span.name()).isEqualTo("campaign.existsById");
				assertThat(span.parentSpanId()).isEqualTo(server.spanId());
			});
			assertThat(trace).as("a Redis command, child of the server span").anySatisfy((span) -> {
				assertThat(span.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
				assertThat(span.attributes()).containsEntry("db.system", "redis");
				assertThat(span.parentSpanId()).isEqualTo(server.spanId());
			});
		});
		assertThat(receiver.contentTypes()).isNotEmpty().allMatch("application/x-protobuf"::equals);
	}

	@Test
	void theResourceNamesServiceVersionAndEnvironmentExactlyAsTheLogLinesDo(CapturedOutput output) {
		Api api = this.app.api();
		String traceId = hex(16);
		String requestId = "otlp-" + UUID.randomUUID();
		api.send(HttpRequest.newBuilder(api.uri("/api/v1/campaigns?size=1")).GET(),
				Map.of("traceparent", "00-" + traceId + "-" + hex(8) + "-01", "X-Request-ID", requestId));

		await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.trace(traceId).isEmpty());
		JsonNode accessLine = await().atMost(Duration.ofSeconds(20))
			.until(() -> accessLine(output, requestId), (line) -> line != null);
		Map<String, String> resource = serverSpan(receiver.trace(traceId)).resource();

		assertThat(LogLines.text(accessLine, "trace_id")).as("the log line names the exported trace")
			.isEqualTo(traceId);
		assertThat(resource.get("service.name")).isEqualTo(LogLines.text(accessLine, "service")).isEqualTo("crm-api");
		assertThat(resource.get("service.version")).as("the git SHA, as the logs' version and Sentry's release")
			.isEqualTo(LogLines.text(accessLine, "version"))
			.isEqualTo(gitCommitAbbrev())
			.matches("[0-9a-f]{7,40}");
		assertThat(resource.get("deployment.environment.name")).isEqualTo(LogLines.text(accessLine, "env"))
			.isEqualTo("otlp-test");
	}

	/**
	 * Parent-based sampling: a caller's sampled {@code traceparent} is exported, an
	 * unsampled one is not; a new trace is kept when the random part of its ID (the last
	 * 16 hex digits) is below the configured share of 2^63 (OpenTelemetry's
	 * TraceIdRatioBased), so every service with the same share keeps the same traces.
	 */
	@Test
	void samplingKeepsTheCallersDecisionAndTheDocumentedShareOfNewTraces(CapturedOutput output) {
		Api api = this.app.api();
		String unsampledTraceId = hex(16);
		api.send(HttpRequest.newBuilder(api.uri("/api/v1/campaigns?size=1")).GET(),
				Map.of("traceparent", "00-" + unsampledTraceId + "-" + hex(8) + "-00"));
		List<String> requestIds = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			String requestId = "sampling-" + UUID.randomUUID();
			requestIds.add(requestId);
			assertThat(api
				.send(HttpRequest.newBuilder(api.uri("/api/v1/campaigns?size=1")).GET(),
						Map.of("X-Request-ID", requestId))
				.status()).isEqualTo(200);
		}
		// Spans are exported in the order they end: once this one arrives, every earlier
		// one that was sampled has arrived too.
		String markerTraceId = hex(16);
		api.send(HttpRequest.newBuilder(api.uri("/api/v1/campaigns?size=1")).GET(),
				Map.of("traceparent", "00-" + markerTraceId + "-" + hex(8) + "-01"));
		await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.trace(markerTraceId).isEmpty());

		Map<String, String> traceIdByRequestId = await().atMost(Duration.ofSeconds(20))
			.until(() -> traceIds(output, requestIds), (ids) -> ids.keySet().containsAll(requestIds));
		Set<String> newTraces = new HashSet<>(traceIdByRequestId.values());
		Set<String> expected = newTraces.stream()
			.filter((traceId) -> keptByRatio(traceId, DOCUMENTED_SAMPLING_PROBABILITY))
			.collect(Collectors.toSet());
		Set<String> exported = receiver.spans()
			.stream()
			.filter((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER && newTraces.contains(span.traceId()))
			.map(ReceivedSpan::traceId)
			.collect(Collectors.toSet());

		assertThat(receiver.trace(unsampledTraceId)).as("a caller's unsampled trace is not exported").isEmpty();
		assertThat(newTraces).as("200 requests, 200 new traces").hasSize(200);
		assertThat(expected).as("the share keeps some new traces and drops others").isNotEmpty().hasSizeLessThan(200);
		assertThat(exported).as("exported new traces are exactly those the documented share keeps").isEqualTo(expected);
	}

	private static boolean keptByRatio(String traceId, double probability) {
		long randomPart = Long.parseUnsignedLong(traceId.substring(16), 16);
		return Math.abs(randomPart) < (long) (probability * Long.MAX_VALUE);
	}

	private static ReceivedSpan serverSpan(List<ReceivedSpan> trace) {
		return trace.stream()
			.filter((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no server span in " + trace));
	}

	private static JsonNode accessLine(CapturedOutput output, String requestId) {
		return LogLines.parse(output.getOut())
			.stream()
			.filter((line) -> line.has("route") && requestId.equals(LogLines.text(line, "request_id")))
			.findFirst()
			.orElse(null);
	}

	private static Map<String, String> traceIds(CapturedOutput output, List<String> requestIds) {
		Set<String> wanted = new HashSet<>(requestIds);
		Map<String, String> traceIds = new HashMap<>();
		for (JsonNode line : LogLines.parse(output.getOut())) {
			String requestId = LogLines.text(line, "request_id");
			if (line.has("route") && wanted.contains(requestId)) {
				traceIds.put(requestId, LogLines.text(line, "trace_id"));
			}
		}
		return traceIds;
	}

	private static String gitCommitAbbrev() {
		Properties git = new Properties();
		try (InputStream in = new ClassPathResource("git.properties").getInputStream()) {
			git.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("git.properties is written by the build (git-commit-id plugin)", ex);
		}
		return git.getProperty("git.commit.id.abbrev");
	}

	private static String hex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
