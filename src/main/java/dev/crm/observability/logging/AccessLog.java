package dev.crm.observability.logging;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.crm.observability.correlation.RequestId;
import dev.crm.observability.correlation.RequestIdFilter;
import dev.crm.observability.redaction.SensitiveData;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import net.logstash.logback.argument.StructuredArgument;
import org.apache.catalina.connector.Response;
import org.apache.catalina.connector.ResponseFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonGenerator;

import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * The one writer of access lines: one per request, written when the request's HTTP server
 * observation stops, from what that observation recorded: its route ({@code uri}, the
 * metric's own value), the response status and its start. Both ways a request is observed
 * end here: Spring's observation filter and, for a request Tomcat rejects before any
 * filter runs, {@code web}'s error report valve.
 * <p>
 * Every value on the line is written by code, never copied from input unchecked: the
 * method is Tomcat's token (masked when it is not a standard one), the route a template,
 * the client an IP literal from Tomcat, the IDs hex or validated. So the line needs no
 * masking pass, and {@code logback-spring.xml} encodes it without one. It also carries
 * its own request, trace and span IDs, so it needs no copy of MDC
 * ({@link AccessLineAwareAsyncAppender}). The query string and raw path are never logged.
 */
public class AccessLog implements ObservationHandler<ServerRequestObservationContext> {

	/** The logger name of access lines, to route or filter them. */
	public static final String LOGGER_NAME = "crm.access";

	private static final Logger log = LoggerFactory.getLogger(LOGGER_NAME);

	/* The observation's start, kept on its context. */
	private static final String START = AccessLog.class.getName() + ".start";

	private static final String URI = "uri";

	/* Methods that can be written as they are; any other token is masked first. */
	private static final Set<String> STANDARD_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
			"OPTIONS", "TRACE", "CONNECT");

	/* What the line says when Tomcat stopped before the method, or gave no address. */
	private static final String UNKNOWN = "UNKNOWN";

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ServerRequestObservationContext;
	}

	@Override
	public void onStart(ServerRequestObservationContext context) {
		context.put(START, System.nanoTime());
	}

	@Override
	public void onStop(ServerRequestObservationContext context) {
		HttpServletRequest request = context.getCarrier();
		HttpServletResponse response = context.getResponse();
		// Only requests of the API server: there, the request ID is settled first. The
		// management server's scrapes and probes are counted, not logged.
		if (request == null || response == null
				|| !(request.getAttribute(RequestIdFilter.ATTRIBUTE) instanceof String requestId)) {
			return;
		}
		Long start = context.get(START);
		long durationMs = (start != null) ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) : 0;
		KeyValue uri = context.getLowCardinalityKeyValue(URI);
		Line line = new Line(method(request.getMethod()), (uri != null) ? uri.getValue() : UNKNOWN,
				response.getStatus(), durationMs, bytesWritten(response), client(request.getRemoteAddr()), requestId,
				traceContext(context));
		log.info(line.message(), line);
	}

	private static String method(String method) {
		if (method == null) {
			return UNKNOWN;
		}
		return STANDARD_METHODS.contains(method) ? method : SensitiveData.mask(method);
	}

	/**
	 * The address Tomcat settled on: the peer, or the client a trusted proxy named
	 * ({@code server.tomcat.remoteip.*}). A proxy's header can hold anything, so only the
	 * characters of an IP literal are written.
	 */
	static String client(String address) {
		if (address == null || address.isEmpty() || address.length() > 45) {
			return UNKNOWN;
		}
		for (int i = 0; i < address.length(); i++) {
			char c = address.charAt(i);
			if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '.' || c == ':')) {
				return UNKNOWN;
			}
		}
		return address;
	}

	/** The body bytes written, as Tomcat counts them: no wrapper counts them again. */
	private static long bytesWritten(ServletResponse response) {
		ServletResponse unwrapped = response;
		while (unwrapped instanceof ServletResponseWrapper wrapper) {
			unwrapped = wrapper.getResponse();
		}
		if (unwrapped instanceof ResponseFacade facade) {
			return facade.getContentWritten();
		}
		if (unwrapped instanceof Response connectorResponse) {
			return connectorResponse.getContentWritten();
		}
		return 0;
	}

	/* The scope is closed when the observation stops, so the IDs come from its span. */
	private static TraceContext traceContext(Observation.Context context) {
		TracingObservationHandler.TracingContext tracing = context.get(TracingObservationHandler.TracingContext.class);
		Span span = (tracing != null) ? tracing.getSpan() : null;
		return (span != null) ? span.context() : null;
	}

	/** The line's fields, written straight into the JSON object as one argument. */
	private record Line(String method, String route, int status, long durationMs, long bytes, String client,
			String requestId, TraceContext trace) implements StructuredArgument {

		String message() {
			return this.method + " " + this.route + " " + this.status + " " + this.durationMs + "ms";
		}

		@Override
		public void writeTo(JsonGenerator generator) {
			generator.writeStringProperty("method", this.method);
			generator.writeStringProperty("route", this.route);
			generator.writeNumberProperty("status", this.status);
			generator.writeNumberProperty("duration_ms", this.durationMs);
			generator.writeNumberProperty("bytes", this.bytes);
			generator.writeStringProperty("client", this.client);
			generator.writeStringProperty(RequestId.MDC_KEY, this.requestId);
			if (this.trace != null) {
				generator.writeStringProperty("trace_id", this.trace.traceId());
				generator.writeStringProperty("span_id", this.trace.spanId());
			}
		}

		@Override
		public String toString() {
			return message();
		}

	}

}
