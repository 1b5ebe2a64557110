package dev.crm.observability.errors;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

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

	/** Used when Sentry is off: reports nothing. */
	ServerErrorReporter NONE = (error, status, request) -> Optional.empty();

}
