package dev.crm.observability.redaction;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one definition of what counts as a secret or personal data, shared by the log
 * encoder and the error-tracking scrubber so that both mask the same things the same way.
 */
public final class SensitiveData {

	/** What replaces a masked value. */
	public static final String MASK = "****";

	private static final List<String> SENSITIVE_NAME_PARTS = List.of("password", "passwd", "secret", "token",
			"authorization", "cookie", "api-key", "apikey", "api_key");

	/*
	 * Masking runs on attacker-controlled text (a 64 KB value included), so every pattern
	 * starts on a literal or a boundary and its repetitions are bounded: the work is
	 * linear in the length of the text, never quadratic.
	 */
	private static final List<Rule> RULES = List.of(
			// Bearer tokens, wherever they appear.
			new Rule(Pattern.compile("(?i)\\b(bearer)(\\s{1,8})[A-Za-z0-9._~+/=-]+"), "$1$2" + MASK),
			// Header-like "Authorization: ...", "Cookie=...": the rest of the value.
			new Rule(
					Pattern
						.compile("(?i)\\b((?:proxy-)?authorization|set-cookie|cookie)(\\s{0,8}[:=]\\s{0,8})[^\\r\\n]+"),
					"$1$2" + MASK),
			// key=value and "key":"value" pairs whose key names a secret (client_secret=,
			// "access_token": ...). The match starts at the keyword; any prefix stays.
			new Rule(Pattern.compile(
					"(?i)((?:password|passwd|secret|token)[\\w.-]{0,64})(\"?\\s{0,8}[=:]\\s{0,8}\"?)([^&\\s,;\"]+)"),
					"$1$2" + MASK),
			// Email addresses: a local part of at most 64 characters (RFC 5321), from a
			// boundary on.
			new Rule(Pattern.compile(
					"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){1,8}"),
					MASK));

	private SensitiveData() {
	}

	/** Whether a field, header or parameter with this name holds a secret. */
	public static boolean isSensitiveName(String name) {
		if (name == null) {
			return false;
		}
		String lower = name.toLowerCase(Locale.ROOT);
		for (String part : SENSITIVE_NAME_PARTS) {
			if (lower.contains(part)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns {@code text} with every secret and email address masked, or the same
	 * instance when there was nothing to mask.
	 */
	public static String mask(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String result = text;
		for (Rule rule : RULES) {
			Matcher matcher = rule.pattern().matcher(result);
			if (matcher.find()) {
				result = matcher.replaceAll(rule.replacement());
			}
		}
		return result;
	}

	private record Rule(Pattern pattern, String replacement) {
	}

}
