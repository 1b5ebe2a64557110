package dev.crm.observability.errors;

import dev.crm.observability.correlation.RequestId;
import org.slf4j.MDC;

import org.springframework.http.ProblemDetail;

/** What every problem body carries besides the RFC 9457 members. */
public final class ProblemResponses {

	/** The problem member that holds the request's correlation ID. */
	static final String REQUEST_ID = "request_id";

	/** The problem member that carries the Sentry event ID of a reported 5xx. */
	static final String SENTRY_EVENT_ID = "sentry_event_id";

	private ProblemResponses() {
	}

	public static ProblemDetail withRequestId(ProblemDetail problem) {
		String requestId = MDC.get(RequestId.MDC_KEY);
		if (requestId != null) {
			problem.setProperty(REQUEST_ID, requestId);
		}
		return problem;
	}

}
