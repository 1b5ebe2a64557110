package dev.crm.support;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON log lines an application wrote to stdout, parsed. Lines before logging was
 * initialised (the test framework's own bootstrap, in the first context of a JVM) are not
 * the application's and are skipped; every line after the first JSON one must parse.
 */
public final class LogLines {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private LogLines() {
	}

	/** Every line from the first JSON object on, which must each be one JSON object. */
	public static List<String> rawAfterStartup(String output) {
		List<String> lines = new ArrayList<>();
		boolean started = false;
		for (String line : output.split("\n", -1)) {
			if (!started && line.startsWith("{")) {
				started = true;
			}
			if (started && !line.isEmpty()) {
				lines.add(line);
			}
		}
		return lines;
	}

	/** Parses every line; fails, naming the line, if one is not a single JSON object. */
	public static List<JsonNode> parse(String output) {
		List<JsonNode> nodes = new ArrayList<>();
		for (String line : rawAfterStartup(output)) {
			JsonNode node;
			try {
				node = JSON.readTree(line);
			}
			catch (RuntimeException ex) {
				throw new AssertionError("Not a JSON log line: " + abbreviate(line), ex);
			}
			if (node == null || !node.isObject()) {
				throw new AssertionError("Not a JSON object: " + abbreviate(line));
			}
			nodes.add(node);
		}
		return nodes;
	}

	public static String text(JsonNode line, String field) {
		JsonNode value = line.get(field);
		return (value != null && !value.isNull()) ? value.asString() : null;
	}

	private static String abbreviate(String line) {
		return (line.length() > 300) ? line.substring(0, 300) + "..." : line;
	}

}
