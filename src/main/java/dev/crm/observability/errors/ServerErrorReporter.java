package dev.crm.observability.errors;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ProblemDetail;

/**
 * Reports a 5xx that the service answers to the error tracker. Client errors (4xx) are
 * never reported. At most one event is captured per request.
 */
public interface ServerErrorReporter {

	/**
	 * Reports the error behind a 5xx answer.
	 * @param error the exception, or null when the 5xx was answered without one
	 * @param status the HTTP status answered
	 * @param request the request being answered
	 * @return the event ID, when an event was captured
	 */
	Optional<String> report(Throwable error, int status, HttpServletRequest request);

	/**
	 * Reports the error and, when an event was captured, puts its ID into the problem
	 * body, so that support can find the event from what a user quotes.
	 * @param problem the body being answered, or null when there is none to link
	 * @param error the exception, or null when the 5xx was answered without one
	 * @param status the HTTP status answered
	 * @param request the request being answered
	 */
	default void reportAndLink(ProblemDetail problem, Throwable error, int status, HttpServletRequest request) {
		report(error, status, request).ifPresent((eventId) -> {
			if (problem != null) {
				problem.setProperty(ProblemResponses.SENTRY_EVENT_ID, eventId);
			}
		});
	}

	/** Used when Sentry is off: reports nothing. */
	ServerErrorReporter NONE = (error, status, request) -> Optional.empty();

}
