package dev.crm.web.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Reads the fixed cases from {@code classpath:hostile/*.yml}. Each file is one family: a
 * list of cases, each either {@code raw} (the bytes of the whole request, for what an
 * HTTP client refuses to send) or an HTTP description ({@code method}, {@code target},
 * {@code version}, {@code headers}, {@code body}) that is assembled into bytes with the
 * headers a client would add. docs/hostile-input.md describes the format; placeholders
 * between {@code ⟦ ⟧} stand for IDs known only at run time and for long repetitions.
 */
public final class HostileCorpus {

	private static final Pattern PLACEHOLDER = Pattern.compile("⟦([^⟧]*)⟧");

	private static final Pattern REPEAT = Pattern.compile("repeat (\\d+) (.+)", Pattern.DOTALL);

	private static final String CONTENT_LENGTH = "⟦content-length⟧";

	/**
	 * The value holding a valid bearer token: given, every HTTP case sends it unless it
	 * has its own {@code Authorization} header or {@code token: false}.
	 */
	static final String TOKEN = "token";

	private static final Set<String> KEYS = Set.of("name", "raw", "encoding", "method", "target", "version", "headers",
			"body", "host", "token", "contentType", "answer", "expect", "why");

	private HostileCorpus() {
	}

	/**
	 * Every case of every file, with the run-time values given.
	 * @param values what each named placeholder stands for, such as {@code campaign}
	 */
	public static List<HostileCase> load(Map<String, String> values) {
		List<HostileCase> cases = new ArrayList<>();
		try {
			Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:hostile/*.yml");
			Arrays.sort(files, (a, b) -> a.getFilename().compareTo(b.getFilename()));
			for (Resource file : files) {
				try (InputStream in = file.getInputStream()) {
					Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
					cases.addAll(family(file.getFilename().replace(".yml", ""), document, values));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Set<String> names = new HashSet<>();
		for (HostileCase hostile : cases) {
			if (!names.add(hostile.toString())) {
				throw new IllegalStateException("Two cases are named " + hostile);
			}
		}
		return cases;
	}

	@SuppressWarnings("unchecked")
	private static List<HostileCase> family(String family, Map<String, Object> document, Map<String, String> values) {
		Map<String, Object> defaults = (Map<String, Object>) document.getOrDefault("defaults", Map.of());
		List<HostileCase> cases = new ArrayList<>();
		for (Map<String, Object> entry : (List<Map<String, Object>>) document.get("cases")) {
			Map<String, Object> spec = new LinkedHashMap<>(defaults);
			spec.putAll(entry);
			cases.add(of(family, spec, values));
		}
		return cases;
	}

	/** One case from its description: the keys of a corpus entry. */
	static HostileCase of(String family, Map<String, Object> spec, Map<String, String> values) {
		Set<String> unknown = new HashSet<>(spec.keySet());
		unknown.removeAll(KEYS);
		String name = (String) spec.get("name");
		if (name == null || !unknown.isEmpty()) {
			throw new IllegalStateException(family + ": case " + name + " has no name or unknown keys " + unknown);
		}
		Charset charset = "latin1".equals(spec.get("encoding")) ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
		String request = spec.containsKey("raw") ? raw(expand((String) spec.get("raw"), values), charset)
				: assemble(spec, values, charset);
		boolean answerRequired = !"optional".equals(spec.getOrDefault("answer", "required"));
		String why = (String) spec.get("why");
		if (!answerRequired && why == null) {
			throw new IllegalStateException(family + ": " + name + " makes its answer optional without a why");
		}
		return new HostileCase(family, name, request.getBytes(charset), answerRequired,
				expectations(spec.get("expect")), why);
	}

	private static List<String> expectations(Object expect) {
		if (expect == null) {
			return List.of();
		}
		if (expect instanceof List<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		return List.of(String.valueOf(expect));
	}

	private static String raw(String request, Charset charset) {
		if (!request.contains(CONTENT_LENGTH)) {
			return request;
		}
		String body = request.substring(request.indexOf("\r\n\r\n") + 4);
		return request.replace(CONTENT_LENGTH, Integer.toString(body.getBytes(charset).length));
	}

	/**
	 * A request as an HTTP client would write it: Host, a body's type and length, close.
	 */
	@SuppressWarnings("unchecked")
	private static String assemble(Map<String, Object> spec, Map<String, String> values, Charset charset) {
		String body = (spec.get("body") != null) ? expand(String.valueOf(spec.get("body")), values) : null;
		List<String> headers = new ArrayList<>();
		for (Object header : (List<Object>) spec.getOrDefault("headers", List.of())) {
			headers.add(expand(String.valueOf(header), values));
		}
		StringBuilder request = new StringBuilder();
		request.append(spec.getOrDefault("method", "GET"))
			.append(' ')
			.append(expand(String.valueOf(spec.get("target")), values))
			.append(' ')
			.append(spec.getOrDefault("version", "HTTP/1.1"))
			.append("\r\n");
		if (!Boolean.FALSE.equals(spec.get("host")) && !has(headers, "host")) {
			request.append("Host: 127.0.0.1\r\n");
		}
		// The API needs a bearer token: without one every case would test authentication,
		// not the input behind it. Cases that test authentication set their own header or
		// token: false.
		if (values.containsKey(TOKEN) && !Boolean.FALSE.equals(spec.get("token")) && !has(headers, "authorization")) {
			request.append("Authorization: Bearer ").append(values.get(TOKEN)).append("\r\n");
		}
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		if (body != null) {
			Object contentType = spec.getOrDefault("contentType", "application/json");
			if (!"none".equals(contentType) && !has(headers, "content-type")) {
				request.append("Content-Type: ").append(contentType).append("\r\n");
			}
			if (!has(headers, "content-length") && !has(headers, "transfer-encoding")) {
				request.append("Content-Length: ").append(body.getBytes(charset).length).append("\r\n");
			}
		}
		if (!has(headers, "connection")) {
			request.append("Connection: close\r\n");
		}
		request.append("\r\n");
		if (body != null) {
			request.append(body);
		}
		return request.toString();
	}

	private static boolean has(List<String> headers, String name) {
		return headers.stream().anyMatch((header) -> header.toLowerCase(Locale.ROOT).startsWith(name + ":"));
	}

	/** Replaces {@code ⟦name⟧} by its value and {@code ⟦repeat N text⟧} by N copies. */
	static String expand(String text, Map<String, String> values) {
		Matcher matcher = PLACEHOLDER.matcher(text);
		StringBuilder expanded = new StringBuilder();
		while (matcher.find()) {
			String placeholder = matcher.group(1);
			Matcher repeat = REPEAT.matcher(placeholder);
			String replacement;
			if (repeat.matches()) {
				replacement = repeat.group(2).repeat(Integer.parseInt(repeat.group(1)));
			}
			else if (values.containsKey(placeholder)) {
				replacement = values.get(placeholder);
			}
			else if (matcher.group().equals(CONTENT_LENGTH)) {
				replacement = CONTENT_LENGTH;
			}
			else {
				throw new IllegalStateException("Unknown placeholder " + matcher.group() + " in " + text);
			}
			matcher.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(expanded);
		return expanded.toString();
	}

}
