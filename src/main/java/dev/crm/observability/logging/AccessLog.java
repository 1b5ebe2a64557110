package dev.crm.observability.logging;

import jakarta.servlet.http.HttpServletRequest;

import dev.crm.observability.RouteTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static net.logstash.logback.argument.StructuredArguments.keyValue;
import static net.logstash.logback.argument.StructuredArguments.value;

/**
 * The one access line of a request: method, route template, status, duration, response
 * bytes and client address. The query string is never logged (it may hold secrets); the
 * path only as its route template, so no input reaches the line unvalidated. Whoever
 * writes first for a request writes the line; later calls for it write nothing, so a
 * request is logged once however many components see it.
 */
public class AccessLog {

	/** The logger name of access lines, to route or filter them. */
	public static final String LOGGER_NAME = "crm.access";

	private static final Logger log = LoggerFactory.getLogger(LOGGER_NAME);

	private static final String WRITTEN_ATTRIBUTE = AccessLog.class.getName() + ".written";

	private final boolean enabled;

	private final ClientAddress clientAddress;

	public AccessLog(boolean enabled, ClientAddress clientAddress) {
		this.enabled = enabled;
		this.clientAddress = clientAddress;
	}

	/**
	 * Writes the request's line, unless access logging is off or the request has one.
	 * @param request the request answered
	 * @param status the status answered
	 * @param durationMs how long answering took
	 * @param bytes the response body bytes written
	 */
	public void write(HttpServletRequest request, int status, long durationMs, long bytes) {
		if (!this.enabled || request.getAttribute(WRITTEN_ATTRIBUTE) != null) {
			return;
		}
		request.setAttribute(WRITTEN_ATTRIBUTE, Boolean.TRUE);
		log.info("{} {} {} {}ms", value("method", request.getMethod()),
				value("route", RouteTemplate.of(request, status)), value("status", status),
				value("duration_ms", durationMs), keyValue("bytes", bytes),
				keyValue("client", this.clientAddress.resolve(request)));
	}

}
