package dev.crm.observability.tracing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.crm.support.StandInServers;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A local stand-in for an OpenTelemetry collector's OTLP/HTTP traces endpoint, on
 * MockWebServer: it accepts {@code POST /v1/traces} on 127.0.0.1, decodes the protobuf
 * body with the OTLP classes (opentelemetry-proto, which the OpenTelemetry starter
 * already brings), answers as a collector would and keeps every span with its resource,
 * so tests assert exactly what a collector receives.
 */
final class OtlpReceiver implements AutoCloseable {

	private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

	private final List<String> contentTypes = new CopyOnWriteArrayList<>();

	private final MockWebServer server = StandInServers.start(this::answer);

	private OtlpReceiver() {
	}

	static OtlpReceiver start() {
		return new OtlpReceiver();
	}

	/** The OTLP/HTTP traces URL to configure the exporter with. */
	String endpoint() {
		return "http://127.0.0.1:" + this.server.getPort() + "/v1/traces";
	}

	List<ReceivedSpan> spans() {
		return List.copyOf(this.spans);
	}

	List<ReceivedSpan> trace(String traceId) {
		return this.spans.stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	/** The Content-Type of every export request received. */
	List<String> contentTypes() {
		return List.copyOf(this.contentTypes);
	}

	@Override
	public void close() {
		this.server.close();
	}

	private MockResponse answer(RecordedRequest request) {
		if (!request.getUrl().encodedPath().equals("/v1/traces")) {
			return new MockResponse.Builder().code(404).build();
		}
		this.contentTypes.add(String.valueOf(request.getHeaders().get("Content-Type")));
		try {
			receive(ExportTraceServiceRequest.parseFrom(StandInServers.body(request)));
		}
		catch (InvalidProtocolBufferException ex) {
			return new MockResponse.Builder().code(400).body(String.valueOf(ex.getMessage())).build();
		}
		return new MockResponse.Builder().addHeader("Content-Type", "application/x-protobuf")
			.body(new Buffer().write(ExportTraceServiceResponse.getDefaultInstance().toByteArray()))
			.build();
	}

	private void receive(ExportTraceServiceRequest request) {
		for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
			Map<String, String> resource = attributes(resourceSpans.getResource().getAttributesList());
			for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
				for (Span span : scopeSpans.getSpansList()) {
					this.spans.add(new ReceivedSpan(resource, span));
				}
			}
		}
	}

	private static Map<String, String> attributes(List<KeyValue> keyValues) {
		Map<String, String> attributes = new LinkedHashMap<>();
		for (KeyValue keyValue : keyValues) {
			attributes.put(keyValue.getKey(), text(keyValue.getValue()));
		}
		return attributes;
	}

	private static String text(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case BOOL_VALUE -> String.valueOf(value.getBoolValue());
			case INT_VALUE -> String.valueOf(value.getIntValue());
			case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
			default -> value.toString();
		};
	}

	/**
	 * One span as the collector received it, with the attributes of its resource and its
	 * own, as text; IDs in lowercase hex as in {@code traceparent}.
	 */
	record ReceivedSpan(Map<String, String> resource, Span span) {

		String traceId() {
			return hex(this.span.getTraceId().toByteArray());
		}

		String spanId() {
			return hex(this.span.getSpanId().toByteArray());
		}

		String parentSpanId() {
			return hex(this.span.getParentSpanId().toByteArray());
		}

		String name() {
			return this.span.getName();
		}

		Span.SpanKind kind() {
			return this.span.getKind();
		}

		Map<String, String> attributes() {
			return OtlpReceiver.attributes(this.span.getAttributesList());
		}

		private static String hex(byte[] bytes) {
			StringBuilder hex = new StringBuilder();
			for (byte b : bytes) {
				hex.append(String.format("%02x", b));
			}
			return hex.toString();
		}

		@Override
		public String toString() {
			return kind() + " " + name() + " trace=" + traceId() + " span=" + spanId() + " parent=" + parentSpanId()
					+ " " + attributes();
		}

	}

}
