package dev.crm.web.hostile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random hostile requests beside the fixed cases, from a seed so that any failure can be
 * sent again ({@code -Dhostile.seed=...}). Each one joins fragments that broke or nearly
 * broke something before (control and bidi characters, lone surrogates, injection
 * strings, non-ASCII digits, undecodable escapes, overflowing numbers) into a JSON body,
 * a path, a query or a header of a request to one of the API's endpoints.
 */
public final class HostileGenerator {

	/** JSON string content, already escaped as it would appear between quotes. */
	private static final List<String> TEXT = List.of("a", "Z", "7", " ", "é", "😀", "１", "٣", "\\u0001", "\\u001f",
			"\\u007f", "\\u0085", "\\u202e", "\\u2066", "\\u200b", "\\ufeff", "\\ud83d\\ude00", "\\\"", "\\\\", "'",
			"%00", "%2F", "\\r\\n", "\\n{\\\"level\\\":\\\"ERROR\\\"}", "${jndi:ldap://127.0.0.1/a}", "{{7*7}}",
			"#{7*7}", "' OR '1'='1", "'); DROP TABLE campaign; --", "<script>", "../../etc/passwd", "\\t", "@",
			"example.com");

	/**
	 * Fragments PostgreSQL cannot store unchanged: a request carrying one must be
	 * refused.
	 */
	private static final List<String> UNSTORABLE = List.of("\\u0000", "\\ud800!", "!\\udfff");

	private static final List<String> NUMBERS = List.of("0", "-1", "1.9", "1e3", "1E-2", "9223372036854775807",
			"9223372036854775808", "-9223372036854775809", "1e400", "184467440737095516160", "\"1\"", "\"１\"", "null",
			"true", "[]", "{}", "0x1", "NaN", "-0", "01");

	private static final List<String> ENUMS = List.of("EMAIL", "WEB_FORM", "email", "web_form", "0", "5", "\"\"",
			"\"EMAIL\\u0000\"", "\"E\\u202eLIAM\"", "null", "[\"EMAIL\"]", "\"WEB_FORM \"");

	private static final List<String> PATH = List.of("1", "０", "１", "٣", "%EF%BC%91", "%00", "%2F", "%252F", "%2e%2e",
			"-1", "+1", "0x1", "01", "9223372036854775808", "1e3", "%20", ";a=b", "%3B", "a", "%C0%AE", "%FF", "~",
			"%u0031");

	private static final List<String> NON_ASCII_DIGITS = List.of("０", "１", "٣", "%EF%BC%91");

	private static final List<String> QUERY_NAMES = List.of("page", "size", "campaignId", "status", "%zz", "x[]",
			"x[a]", "", "page%00", "%F0%9F", "s%ize");

	private static final List<String> QUERY_VALUES = List.of("-1", "0", "1e9", "2147483648", "abc", "%zz", "", "NEW",
			"converted", "%00", "%EF%BC%91", "1.5", "%2B1", "%E2%80%AE");

	private static final List<String> HEADER_VALUES = List.of("*/*", "application/json", "text/html", "application/xml",
			"garbage", ";;;", "application/json;q=abc", "*/", "", "a".repeat(129), "abc${jndi:ldap://127.0.0.1/a}",
			"../../x", "ab cd", "a\tb", "é", "%0d%0aX-Injected: 1");

	private static final List<String> HEADER_NAMES = List.of("Accept", "X-Request-ID", "Content-Type",
			"Idempotency-Key", "traceparent", "X-Forwarded-For", "Authorization", "Accept-Charset");

	private HostileGenerator() {
	}

	/**
	 * @param seed the seed that fixes every request
	 * @param count how many requests
	 * @param values what placeholders stand for, as in the corpus files
	 */
	public static List<HostileCase> generate(long seed, int count, Map<String, String> values) {
		Random random = new Random(seed);
		List<HostileCase> cases = new ArrayList<>();
		String family = "generated seed=" + seed;
		for (int i = 0; i < count; i++) {
			Map<String, Object> spec = switch (i % 5) {
				case 0 -> campaign(random);
				case 1 -> lead(random, values);
				case 2 -> byId(random, values);
				case 3 -> listQuery(random);
				default -> headers(random);
			};
			spec.put("name", "#" + i + " " + spec.get("name"));
			cases.add(HostileCorpus.of(family, spec, values));
		}
		return cases;
	}

	private static Map<String, Object> campaign(Random random) {
		Text name = text(random);
		String body = "{\"name\":\"" + name.json + "\",\"channel\":" + quoted(pick(random, ENUMS)) + "}";
		return post("/api/v1/campaigns", body, name.unstorable);
	}

	private static Map<String, Object> lead(Random random, Map<String, String> values) {
		Text email = text(random);
		Text name = text(random);
		String campaignId = random.nextBoolean() ? values.get("campaign") : pick(random, NUMBERS);
		String body = "{\"campaignId\":" + campaignId + ",\"email\":\"" + email.json + "\",\"name\":\"" + name.json
				+ "\",\"source\":" + quoted(pick(random, ENUMS)) + "}";
		return post("/api/v1/leads", body, email.unstorable || name.unstorable);
	}

	private static Map<String, Object> byId(Random random, Map<String, String> values) {
		StringBuilder id = new StringBuilder();
		boolean nonAsciiDigit = false;
		for (int n = 1 + random.nextInt(3); n > 0; n--) {
			String fragment = random.nextInt(4) == 0 ? values.get("campaign") : pick(random, PATH);
			nonAsciiDigit |= NON_ASCII_DIGITS.contains(fragment);
			id.append(fragment);
		}
		String[] shapes = { "/api/v1/campaigns/%s", "/api/v1/campaigns/%s/stats", "/api/v1/leads/%s",
				"/api/v1/leads/%s/conversion" };
		String target = shapes[random.nextInt(shapes.length)].formatted(id);
		Map<String, Object> spec = new LinkedHashMap<>();
		spec.put("method", target.endsWith("/conversion") ? "POST" : "GET");
		spec.put("target", target);
		spec.put("name", spec.get("method") + " " + target);
		if (nonAsciiDigit) {
			spec.put("expect", "4xx");
		}
		return spec;
	}

	private static Map<String, Object> listQuery(Random random) {
		StringBuilder query = new StringBuilder();
		for (int n = 1 + random.nextInt(4); n > 0; n--) {
			query.append(random.nextInt(4) == 0 ? "&&" : "&")
				.append(pick(random, QUERY_NAMES))
				.append('=')
				.append(pick(random, QUERY_VALUES));
		}
		String target = (random.nextBoolean() ? "/api/v1/campaigns" : "/api/v1/leads") + "?" + query.substring(1);
		Map<String, Object> spec = new LinkedHashMap<>();
		spec.put("target", target);
		spec.put("name", "GET " + target);
		return spec;
	}

	private static Map<String, Object> headers(Random random) {
		List<String> headers = new ArrayList<>();
		for (int n = 1 + random.nextInt(3); n > 0; n--) {
			headers.add(pick(random, HEADER_NAMES) + ": " + pick(random, HEADER_VALUES));
		}
		String target = random.nextBoolean() ? "/api/v1/campaigns" : "/ready";
		Map<String, Object> spec = new LinkedHashMap<>();
		spec.put("target", target);
		spec.put("headers", headers);
		spec.put("name", "GET " + target + " with " + String.join(", ", headers));
		return spec;
	}

	private static Map<String, Object> post(String target, String body, boolean unstorable) {
		Map<String, Object> spec = new LinkedHashMap<>();
		spec.put("method", "POST");
		spec.put("target", target);
		spec.put("body", body);
		spec.put("name", "POST " + target + " " + body);
		if (unstorable) {
			spec.put("expect", "4xx");
			spec.put("why", "a string PostgreSQL cannot store unchanged is refused, never altered");
		}
		return spec;
	}

	private static Text text(Random random) {
		StringBuilder json = new StringBuilder();
		boolean unstorable = false;
		for (int n = random.nextInt(12); n > 0; n--) {
			if (random.nextInt(8) == 0) {
				json.append(pick(random, UNSTORABLE));
				unstorable = true;
			}
			else {
				json.append(pick(random, TEXT));
			}
		}
		return new Text(json.toString(), unstorable);
	}

	private static String quoted(String token) {
		boolean literal = token.startsWith("\"") || token.startsWith("[") || token.equals("null")
				|| Character.isDigit(token.charAt(0));
		return literal ? token : "\"" + token + "\"";
	}

	private static String pick(Random random, List<String> from) {
		return from.get(random.nextInt(from.size()));
	}

	private record Text(String json, boolean unstorable) {

	}

}
