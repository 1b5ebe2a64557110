package dev.crm.observability.errors;

import org.slf4j.MDC;

import org.springframework.http.ProblemDetail;

/** What every problem body carries besides the RFC 9457 members. */
public final class ProblemResponses {

	/** The MDC key, and the problem member, that holds the request's correlation ID. */
	public static final String REQUEST_ID = "request_id";

	private ProblemResponses() {
	}

	public static ProblemDetail withRequestId(ProblemDetail problem) {
		String requestId = MDC.get(REQUEST_ID);
		if (requestId != null) {
			problem.setProperty(REQUEST_ID, requestId);
		}
		return problem;
	}

}
