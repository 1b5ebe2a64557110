package dev.crm.web.hostile;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One hostile request, as the bytes sent on the wire.
 *
 * @param family the corpus file (or generator) it comes from
 * @param name what it sends, which names its test
 * @param request the exact bytes written to the socket
 * @param answerRequired whether the server must answer; when false, closing the
 * connection without a word is an acceptable rejection ({@code why} says why)
 * @param expect status classes or codes the answer must have ({@code 4xx}, {@code 404});
 * empty when any non-5xx answer is acceptable
 * @param why the reason an answer is optional or a status is expected, if given
 */
public record HostileCase(String family, String name, byte[] request, boolean answerRequired, List<String> expect,
		String why) {

	/**
	 * Whether the request is a {@code HEAD}, whose answer has no body whatever it says.
	 */
	boolean isHead() {
		return this.request.length > 5 && new String(this.request, 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD ");
	}

	boolean expects(int status) {
		if (this.expect.isEmpty()) {
			return true;
		}
		for (String expected : this.expect) {
			if (expected.endsWith("xx") ? status / 100 == expected.charAt(0) - '0'
					: Integer.toString(status).equals(expected)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return "[" + this.family + "] " + this.name;
	}

}
