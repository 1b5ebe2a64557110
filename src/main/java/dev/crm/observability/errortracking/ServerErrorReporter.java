package dev.crm.observability.errortracking;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The one call that reports an error the service answers to the error tracker. The HTTP
 * layer makes it for every error it answers; only a 5xx is reported, never a 4xx.
 */
public interface ServerErrorReporter {

	/** Reports nothing: the reporter while error tracking is off. */
	ServerErrorReporter NONE = (error, status, request) -> Optional.empty();

	/**
	 * Reports the error behind an answer when the answer is a 5xx.
	 * @param error the exception, or null when the error was answered without one
	 * @param status the HTTP status answered
	 * @param request the request being answered
	 * @return the event ID, when an event was captured
	 */
	Optional<String> report(Throwable error, int status, HttpServletRequest request);

}
