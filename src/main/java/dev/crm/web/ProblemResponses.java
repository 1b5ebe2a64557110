package dev.crm.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

import dev.crm.observability.correlation.RequestId;
import org.slf4j.MDC;

import org.springframework.http.ProblemDetail;

/** What every problem body carries besides the RFC 9457 members. */
final class ProblemResponses {

	/** The problem member that holds the request's correlation ID. */
	static final String REQUEST_ID = RequestId.MDC_KEY;

	/** The problem member that carries the error-tracking event ID of a reported 5xx. */
	static final String SENTRY_EVENT_ID = "sentry_event_id";

	/** RFC 3986 {@code pchar} and {@code /}, without the percent sign. */
	private static final String PATH_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
			+ "-._~!$&'()*+,;=:@/";

	private ProblemResponses() {
	}

	static ProblemDetail withRequestId(ProblemDetail problem) {
		String requestId = MDC.get(RequestId.MDC_KEY);
		if (requestId != null) {
			problem.setProperty(REQUEST_ID, requestId);
		}
		return problem;
	}

	/** Adds the event ID, so that support can find the event from what a user quotes. */
	static void linkEvent(ProblemDetail problem, Optional<String> eventId) {
		eventId.ifPresent((id) -> problem.setProperty(SENTRY_EVENT_ID, id));
	}

	/**
	 * The requested path as the {@code instance} URI reference. Tomcat passes some paths
	 * that are not valid URIs ({@code /api/v1/%zz}): every byte outside the URI path
	 * characters is percent-encoded, while well-formed escapes such as {@code %2F} stay
	 * as they were sent.
	 * @param path the request URI as received, without the query string
	 * @return the path as a URI reference
	 */
	static URI instance(String path) {
		byte[] bytes = path.getBytes(StandardCharsets.ISO_8859_1);
		StringBuilder encoded = new StringBuilder(bytes.length);
		for (int i = 0; i < bytes.length; i++) {
			int b = bytes[i] & 0xFF;
			if (b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
				encoded.append('%');
			}
			else if (b < 0x80 && b != '%' && PATH_CHARACTERS.indexOf(b) >= 0) {
				encoded.append((char) b);
			}
			else {
				encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) b));
			}
		}
		return URI.create(encoded.toString());
	}

	private static boolean isHex(byte b) {
		return Character.digit(b, 16) >= 0;
	}

}
