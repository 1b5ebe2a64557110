package dev.crm.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import dev.crm.observability.correlation.RequestId;
import dev.crm.observability.correlation.RequestIdFilter;
import dev.crm.observability.logging.AccessLog;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerHttpObservationDocumentation;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Tomcat's error report, as problem+json, set on the host in place of Tomcat's HTML one.
 * <p>
 * Tomcat answers some requests itself, before any filter runs: a request line or header
 * it cannot parse (a control character, a header over the size limit, a space in the
 * path), a malformed URI ({@code %zz}, an encoded slash), {@code TRACE}. This valve
 * answers those with a problem body and a fresh {@code X-Request-ID}, writes their access
 * line and records them in {@code http_server_requests_seconds} (with
 * {@code uri="UNKNOWN"}), as the filters do for every other request. An error answered
 * through the error page without the request passing the filters (a path under
 * {@code /WEB-INF}) is logged and counted here too, and any error that would leave
 * without a body gets a problem body.
 */
class ProblemErrorReportValve extends ErrorReportValve {

	private static final String MALFORMED = "The request is not valid HTTP: its request line, a header or its URI "
			+ "is malformed.";

	private static final ServerRequestObservationConvention DEFAULT_CONVENTION = new DefaultServerRequestObservationConvention();

	private final Supplier<ObservationRegistry> observations;

	private final Supplier<ServerRequestObservationConvention> convention;

	private final Supplier<AccessLog> accessLog;

	/**
	 * @param observations the registry HTTP observations are recorded in
	 * @param convention the HTTP server convention, which names the metric and its tags
	 * @param accessLog the access log
	 */
	ProblemErrorReportValve(Supplier<ObservationRegistry> observations,
			Supplier<ServerRequestObservationConvention> convention, Supplier<AccessLog> accessLog) {
		this.observations = observations;
		this.convention = convention;
		this.accessLog = accessLog;
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		long start = System.nanoTime();
		if (response.isError()) {
			// In error before the host ran anything: the connector rejected the request,
			// and no filter, servlet or error page will see it.
			String requestId = RequestId.generate();
			response.setHeader(RequestId.HEADER, requestId);
			record(request, response, requestId, start, () -> {
				response.setSuspended(false);
				if (response.setErrorReported()) {
					writeProblem(request, response, requestId);
				}
			});
			return;
		}
		super.invoke(request, response);
		if (response.getStatus() >= 400 && ServerHttpObservationFilter.findObservationContext(request).isEmpty()) {
			record(request, response, existingRequestId(request), start, () -> {
			});
		}
	}

	/** The last resort: an error that would leave without a body gets a problem body. */
	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (ioAllowed.get()) {
			String requestId = existingRequestId(request);
			if (requestId == null) {
				requestId = RequestId.generate();
				response.setHeader(RequestId.HEADER, requestId);
			}
			writeProblem(request, response, requestId);
		}
	}

	/**
	 * Answers (when {@code answer} does) inside an HTTP observation that is counted as
	 * the filters' one would be, then writes the access line, unless the filters wrote
	 * one.
	 */
	private void record(Request request, Response response, String requestId, long start, Runnable answer) {
		ServerRequestObservationContext context = new ServerRequestObservationContext(request, response);
		Observation observation = ServerHttpObservationDocumentation.HTTP_SERVLET_SERVER_REQUESTS
			.observation(this.convention.get(), DEFAULT_CONVENTION, () -> context, this.observations.get())
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			if (requestId != null) {
				MDC.put(RequestId.MDC_KEY, requestId);
			}
			answer.run();
			this.accessLog.get()
				.write(request, response.getStatus(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
						response.getContentWritten());
		}
		finally {
			MDC.remove(RequestId.MDC_KEY);
			observation.stop();
		}
	}

	private static String existingRequestId(Request request) {
		return (request.getAttribute(RequestIdFilter.ATTRIBUTE) instanceof String id) ? id : null;
	}

	private static void writeProblem(Request request, Response response, String requestId) {
		int status = response.getStatus();
		HttpStatus known = HttpStatus.resolve(status);
		Map<String, Object> problem = new LinkedHashMap<>();
		if (status == HttpStatus.BAD_REQUEST.value()) {
			problem.put("detail", MALFORMED);
		}
		String path = request.getRequestURI();
		if (path != null && !path.isEmpty()) {
			problem.put("instance", ProblemResponses.instance(path).toString());
		}
		problem.put("status", status);
		if (known != null) {
			problem.put("title", known.getReasonPhrase());
		}
		problem.put(ProblemResponses.REQUEST_ID, requestId);
		byte[] body = JsonMapper.shared().writeValueAsBytes(problem);
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setContentLength(body.length);
			response.getOutputStream().write(body);
			response.finishResponse();
		}
		catch (IOException ex) {
			// The client is gone; there is no one left to answer.
		}
	}

}
