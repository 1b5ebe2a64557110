package dev.crm.observability.correlation;

import java.util.Enumeration;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rules for a request ID: an incoming one is kept only when it is a single value of
 * at most 128 characters of {@code [A-Za-z0-9._-]}; anything else is replaced by a fresh
 * random one, never truncated, cleaned or echoed.
 */
public final class RequestId {

	/** The header that carries the ID, inbound and outbound. */
	public static final String HEADER = "X-Request-ID";

	/** The MDC key, and the problem member, that hold the ID. */
	public static final String MDC_KEY = "request_id";

	public static final int MAX_LENGTH = 128;

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

	private RequestId() {
	}

	public static boolean isValid(String candidate) {
		return candidate != null && candidate.length() <= MAX_LENGTH && VALID.matcher(candidate).matches();
	}

	/**
	 * The ID to use for a request that sent these header values: the single valid one, or
	 * a new one when there is none, more than one, or an invalid one.
	 */
	public static String accept(Enumeration<String> headerValues) {
		if (headerValues == null || !headerValues.hasMoreElements()) {
			return generate();
		}
		String first = headerValues.nextElement();
		if (headerValues.hasMoreElements() || !isValid(first)) {
			return generate();
		}
		return first;
	}

	public static String generate() {
		return UUID.randomUUID().toString();
	}

}
