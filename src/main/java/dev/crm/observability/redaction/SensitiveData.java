package dev.crm.observability.redaction;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
	 * What each rule needs in the text before its regex can match. One pass over the text
	 * finds these literals, so an ordinary line (no keyword, no '@') runs no regex at
	 * all. The regexes fold case for ASCII letters only (CASE_INSENSITIVE without
	 * UNICODE_CASE), and so does the scan: a text a regex could match always passes.
	 */
	private static final int BEARER = 1;

	private static final int HEADER = 1 << 1;

	private static final int SECRET_KEY = 1 << 2;

	private static final int SEPARATOR = 1 << 3;

	private static final int AT = 1 << 4;

	/** A percent escape such as {@code %40}: see {@link #mask(CharSequence)}. */
	private static final int ESCAPE = 1 << 5;

	/*
	 * Rounds of percent-decoding: a path sent as a%2540b.com is a%40b.com once decoded,
	 * and an email twice. Bounded, so the work stays linear.
	 */
	private static final int DECODING_ROUNDS = 3;

	/*
	 * Masking runs on attacker-controlled text (a 64 KB value included), so every pattern
	 * starts on a literal or a boundary and its repetitions are bounded: the work is
	 * linear in the length of the text, never quadratic.
	 */
	private static final List<Rule> RULES = List.of(
			// Bearer tokens, wherever they appear.
			new Rule(BEARER, Pattern.compile("(?i)\\b(bearer)(\\s{1,8})[A-Za-z0-9._~+/=-]+"), "$1$2" + MASK),
			// Header-like "Authorization: ...", "Cookie=...": the rest of the value.
			new Rule(HEADER | SEPARATOR,
					Pattern
						.compile("(?i)\\b((?:proxy-)?authorization|set-cookie|cookie)(\\s{0,8}[:=]\\s{0,8})[^\\r\\n]+"),
					"$1$2" + MASK),
			// key=value and "key":"value" pairs whose key names a secret (client_secret=,
			// "access_token": ...). The match starts at the keyword; any prefix stays.
			new Rule(SECRET_KEY | SEPARATOR, Pattern.compile(
					"(?i)((?:password|passwd|secret|token)[\\w.-]{0,64})(\"?\\s{0,8}[=:]\\s{0,8}\"?)([^&\\s,;\"]+)"),
					"$1$2" + MASK),
			// Email addresses: a local part of at most 64 characters (RFC 5321), from a
			// boundary on.
			new Rule(AT, Pattern.compile(
					"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){1,8}"),
					MASK));

	/*
	 * Field names are checked on every field of every log line, from a small set fixed by
	 * the code. Names can also come from input (a structured argument's map keys), so the
	 * cache stops growing at this size and further names are checked each time.
	 */
	private static final int NAME_CACHE_LIMIT = 1024;

	private static final Map<String, Boolean> SENSITIVE_NAMES = new ConcurrentHashMap<>();

	private SensitiveData() {
	}

	/** Whether a field, header or parameter with this name holds a secret. */
	public static boolean isSensitiveName(String name) {
		if (name == null) {
			return false;
		}
		Boolean known = SENSITIVE_NAMES.get(name);
		if (known != null) {
			return known;
		}
		boolean sensitive = containsSensitivePart(name);
		if (SENSITIVE_NAMES.size() < NAME_CACHE_LIMIT) {
			SENSITIVE_NAMES.put(name, sensitive);
		}
		return sensitive;
	}

	private static boolean containsSensitivePart(String name) {
		for (String part : SENSITIVE_NAME_PARTS) {
			for (int i = 0; i + part.length() <= name.length(); i++) {
				if (name.regionMatches(true, i, part, 0, part.length())) {
					return true;
				}
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
		CharSequence masked = mask((CharSequence) text);
		return (masked == text) ? text : masked.toString();
	}

	/**
	 * The masking of {@link #mask(String)} on any character sequence: the same instance
	 * when there was nothing to mask. Package-private so that a test can count the
	 * characters read.
	 * <p>
	 * Text with percent escapes (a request path such as {@code /leads/a%40b.com} or
	 * {@code Bearer%20abc} in a framework's log message) is masked as sent and then
	 * percent-decoded and masked again: the application reads the decoded form, so a
	 * secret there is a secret. When the decoded form had something to mask, it is what
	 * is returned; otherwise the text stays as sent.
	 */
	static CharSequence mask(CharSequence text) {
		int found = literalsIn(text);
		CharSequence masked = applyRules(text, found);
		if ((found & ESCAPE) != 0) {
			String decoded = PercentDecoding.decode(masked, DECODING_ROUNDS);
			CharSequence maskedDecoded = applyRules(decoded, literalsIn(decoded));
			if (maskedDecoded != decoded) {
				return maskedDecoded;
			}
		}
		return masked;
	}

	private static CharSequence applyRules(CharSequence text, int found) {
		CharSequence result = text;
		for (Rule rule : RULES) {
			if ((found & rule.needs()) == rule.needs()) {
				Matcher matcher = rule.pattern().matcher(result);
				if (matcher.find()) {
					result = matcher.replaceAll(rule.replacement());
				}
			}
		}
		return result;
	}

	/**
	 * The literals of the rules present in {@code text}, in one pass that compares at
	 * most 13 characters at each position. Masking by a rule only inserts {@link #MASK},
	 * so it never creates a literal that a later rule needs.
	 */
	private static int literalsIn(CharSequence text) {
		int found = 0;
		for (int i = 0, length = text.length(); i < length; i++) {
			char c = text.charAt(i);
			switch (c) {
				case '@' -> found |= AT;
				case '%' -> found |= PercentDecoding.isEscape(text, i) ? ESCAPE : 0;
				case ':', '=' -> found |= SEPARATOR;
				case 'b', 'B' -> found |= startsWith(text, i, "bearer") ? BEARER : 0;
				case 'a', 'A' -> found |= startsWith(text, i, "authorization") ? HEADER : 0;
				case 'c', 'C' -> found |= startsWith(text, i, "cookie") ? HEADER : 0;
				case 'p', 'P' -> found |= startsWith(text, i, "passw") ? SECRET_KEY : 0;
				case 's', 'S' -> found |= startsWith(text, i, "secret") ? SECRET_KEY : 0;
				case 't', 'T' -> found |= startsWith(text, i, "token") ? SECRET_KEY : 0;
				default -> {
				}
			}
		}
		return found;
	}

	/** Whether {@code lowerCase} starts at {@code from}, folding ASCII letters only. */
	private static boolean startsWith(CharSequence text, int from, String lowerCase) {
		if (from + lowerCase.length() > text.length()) {
			return false;
		}
		for (int i = 0; i < lowerCase.length(); i++) {
			char c = text.charAt(from + i);
			char lower = (c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : c;
			if (lower != lowerCase.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * @param needs the {@link #literalsIn literals} without which the pattern cannot
	 * match
	 */
	private record Rule(int needs, Pattern pattern, String replacement) {
	}

}
