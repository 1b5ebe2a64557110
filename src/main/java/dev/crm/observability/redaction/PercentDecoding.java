package dev.crm.observability.redaction;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Lenient percent-decoding for masking: every well-formed escape becomes its byte, runs
 * of bytes are read as UTF-8 (a malformed one as U+FFFD), and everything else, a lone
 * {@code %} or {@code +} included, stays as it is. It never fails, whatever the text.
 */
final class PercentDecoding {

	private PercentDecoding() {
	}

	/**
	 * Whether {@code text} has a well-formed escape ({@code %} and two hex digits) at
	 * {@code at}.
	 */
	static boolean isEscape(CharSequence text, int at) {
		return at + 2 < text.length() && text.charAt(at) == '%' && hexValue(text.charAt(at + 1)) >= 0
				&& hexValue(text.charAt(at + 2)) >= 0;
	}

	/**
	 * Decodes {@code text} up to {@code rounds} times, stopping once no escape is left.
	 * @return the decoded text
	 */
	static String decode(CharSequence text, int rounds) {
		String decoded = text.toString();
		for (int round = 0; round < rounds && decoded.indexOf('%') >= 0; round++) {
			String next = decodeOnce(decoded);
			if (next.equals(decoded)) {
				break;
			}
			decoded = next;
		}
		return decoded;
	}

	private static String decodeOnce(String text) {
		StringBuilder decoded = new StringBuilder(text.length());
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 0; i < text.length(); i++) {
			if (isEscape(text, i)) {
				bytes.write(hexValue(text.charAt(i + 1)) << 4 | hexValue(text.charAt(i + 2)));
				i += 2;
			}
			else {
				flush(bytes, decoded);
				decoded.append(text.charAt(i));
			}
		}
		flush(bytes, decoded);
		return decoded.toString();
	}

	private static void flush(ByteArrayOutputStream bytes, StringBuilder decoded) {
		if (bytes.size() > 0) {
			decoded.append(bytes.toString(StandardCharsets.UTF_8));
			bytes.reset();
		}
	}

	private static int hexValue(char c) {
		return (c < 128) ? Character.digit(c, 16) : -1;
	}

}
