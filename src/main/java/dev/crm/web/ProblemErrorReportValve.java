package dev.crm.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import dev.crm.observability.correlation.RequestId;
import dev.crm.observability.correlation.RequestIdFilter;
import dev.crm.observability.metrics.Traffic;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
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
 * it cannot parse (garbage, a control character or raw non-ASCII byte, a line or header
 * over the size limit, a space or {@code #} in the path), a malformed URI ({@code %zz},
 * an encoded slash), {@code TRACE}, {@code CONNECT}, an unknown transfer coding or HTTP
 * version, or none ({@link Http11OnlyProtocol}). This valve answers those with a problem
 * body and a fresh {@code X-Request-ID}. It starts only what the filter chain would have
 * started: the request ID ({@link RequestIdFilter#assign}) and the HTTP server
 * observation, with the same convention; the observation's handlers do the rest, as for
 * every other request: {@code http_server_requests_seconds} (with {@code uri="UNKNOWN"}
 * and {@code traffic="rejected"}, outside every SLO), the span and the access line. Such
 * a request may lack its method or its path: what is recorded for it never assumes
 * either. Tomcat's 501 and 505 become the client errors they are (405 for
 * {@code CONNECT}, else 400): a status anyone can choose to cause is never a 5xx, so no
 * dashboard, load balancer or alert outside the SLO rules counts it as a failure. An
 * error answered through the error page without the request passing the filters (a path
 * under {@code /WEB-INF}) is logged and counted here too, and any error that would leave
 * without a body gets a problem body.
 */
class ProblemErrorReportValve extends ErrorReportValve {

	private static final String MALFORMED = "The request is not valid HTTP: its request line, a header or its URI "
			+ "is malformed.";

	private static final String NO_CONNECT = "CONNECT is not allowed: this server is not a proxy.";

	private static final String UNSUPPORTED_TRANSFER_CODING = "The request's Transfer-Encoding is not supported: "
			+ "send the body with Content-Length or as chunked only.";

	private static final String UNSUPPORTED_VERSION = "The request's HTTP version is not supported: use HTTP/1.1.";

	private static final String NO_VERSION = "The request line has no HTTP version (HTTP/0.9 is not supported): "
			+ "use HTTP/1.1.";

	/* The methods Tomcat implements, as it lists them itself in answer to OPTIONS *. */
	private static final String IMPLEMENTED_METHODS = "GET, HEAD, POST, PUT, DELETE, OPTIONS";

	private static final ServerRequestObservationConvention DEFAULT_CONVENTION = new DefaultServerRequestObservationConvention();

	private final Supplier<ObservationRegistry> observations;

	private final Supplier<ServerRequestObservationConvention> convention;

	/**
	 * @param observations the registry HTTP observations are recorded in
	 * @param convention the HTTP server convention, which names the metric and its tags
	 */
	ProblemErrorReportValve(Supplier<ObservationRegistry> observations,
			Supplier<ServerRequestObservationConvention> convention) {
		this.observations = observations;
		this.convention = convention;
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		if (response.isError()) {
			// In error before the host ran anything: the connector rejected the request,
			// and no filter, servlet or error page will see it. Its X-Request-ID cannot
			// be
			// trusted from a request that failed to parse: it gets a fresh one.
			String requestId = RequestId.generate();
			String detail = asClientError(request, response);
			request.setAttribute(Traffic.ATTRIBUTE, Traffic.REJECTED);
			observe(request, response, requestId, () -> {
				response.setSuspended(false);
				if (response.setErrorReported()) {
					writeProblem(request, response, requestId, detail);
				}
			});
			return;
		}
		super.invoke(request, response);
		if (response.getStatus() >= 400 && ServerHttpObservationFilter.findObservationContext(request).isEmpty()) {
			// Answered through the error page without the observation filter (a path
			// under
			// /WEB-INF): observed now, so it is counted and logged once like any other.
			// The observation starts after the answer, so its duration is only the
			// valve's.
			observe(request, response, existingRequestId(request), () -> {
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
			writeProblem(request, response, requestId, null);
		}
	}

	/**
	 * Turns the connector's protocol rejections into client errors: a 501 for
	 * {@code CONNECT} into 405, a 501 for an unknown transfer coding and a 505 into 400.
	 * A request line without a version is already a 400 ({@link Http11OnlyProtocol}).
	 * @return the problem's detail, or {@code null} for the default one
	 */
	private static String asClientError(Request request, Response response) {
		int status = response.getStatus();
		if (status == HttpStatus.NOT_IMPLEMENTED.value() && "CONNECT".equals(request.getMethod())) {
			response.setStatus(HttpStatus.METHOD_NOT_ALLOWED.value());
			response.setHeader(HttpHeaders.ALLOW, IMPLEMENTED_METHODS);
			return NO_CONNECT;
		}
		if (status == HttpStatus.NOT_IMPLEMENTED.value()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return UNSUPPORTED_TRANSFER_CODING;
		}
		if (status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED.value()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return UNSUPPORTED_VERSION;
		}
		if ("".equals(request.getProtocol())) {
			return NO_VERSION;
		}
		return null;
	}

	/**
	 * Answers (when {@code answer} does) inside an HTTP observation made as the filter
	 * makes it, with the request ID settled as the first filter settles it. The
	 * observation's handlers count, trace and log the request when it stops.
	 */
	private void observe(Request request, Response response, String requestId, Runnable answer) {
		HttpServletRequest observed = new UnparsedRequest(request);
		ServerRequestObservationContext context = new ServerRequestObservationContext(observed, response);
		Observation observation = ServerHttpObservationDocumentation.HTTP_SERVLET_SERVER_REQUESTS
			.observation(this.convention.get(), DEFAULT_CONVENTION, () -> context, this.observations.get())
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			RequestIdFilter.assign(observed, response, (requestId != null) ? requestId : RequestId.generate());
			answer.run();
		}
		finally {
			observation.stop();
			RequestIdFilter.clear();
		}
	}

	private static String existingRequestId(Request request) {
		return (request.getAttribute(RequestIdFilter.ATTRIBUTE) instanceof String id) ? id : null;
	}

	private static void writeProblem(Request request, Response response, String requestId, String detail) {
		int status = response.getStatus();
		HttpStatus known = HttpStatus.resolve(status);
		Map<String, Object> problem = new LinkedHashMap<>();
		if (detail != null) {
			problem.put("detail", detail);
		}
		else if (status == HttpStatus.BAD_REQUEST.value()) {
			problem.put("detail", MALFORMED);
		}
		String path = request.getRequestURI();
		// Only a path names a resource: a CONNECT's host:port does not, and Tomcat may
		// have stopped before the path.
		if (path != null && path.startsWith("/")) {
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

	/**
	 * A request as far as Tomcat parsed it, for the observation and the access line: the
	 * parser may have stopped before the method or the path, and both are read as
	 * mandatory there.
	 */
	private static final class UnparsedRequest extends HttpServletRequestWrapper {

		/* What Spring's convention names any method it does not know. */
		private static final String UNKNOWN_METHOD = "UNKNOWN";

		UnparsedRequest(Request request) {
			super(request);
		}

		@Override
		public String getMethod() {
			String method = super.getMethod();
			return (method != null) ? method : UNKNOWN_METHOD;
		}

		@Override
		public String getRequestURI() {
			String uri = super.getRequestURI();
			return (uri != null) ? uri : "";
		}

	}

}
