package dev.crm.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser for the subset of Grafana Alloy's configuration syntax that
 * {@code alloy/config.alloy} uses: blocks ({@code name "label" { ... }}), attributes
 * ({@code key = value}), strings, numbers, booleans, lists, objects and references to
 * other components' exports ({@code loki.process.crm_api.receiver}). Anything else is a
 * parse error naming the line, so the file is checked without an Alloy binary.
 */
final class AlloyConfig {

	/** A block; {@code label} is null for unlabelled ones such as {@code rule}. */
	record Block(String name, String label, Map<String, Object> attributes, List<Block> blocks) {

		List<Block> blocks(String name) {
			return this.blocks.stream().filter((block) -> block.name().equals(name)).toList();
		}

		Block block(String name) {
			List<Block> found = blocks(name);
			if (found.size() != 1) {
				throw new AssertionError("expected one block " + name + " in " + this.name + ", found " + found.size());
			}
			return found.get(0);
		}

		@SuppressWarnings("unchecked")
		Map<String, Object> object(String attribute) {
			return (Map<String, Object>) this.attributes.get(attribute);
		}

	}

	/**
	 * A reference to another component's export, such as {@code foo.bar.label.output}.
	 */
	record Reference(String path) {

	}

	private final String text;

	private int pos;

	private AlloyConfig(String text) {
		this.text = text;
	}

	/** The top-level blocks of a configuration file. */
	static List<Block> parse(String text) {
		AlloyConfig parser = new AlloyConfig(text);
		Block root = new Block("", null, new LinkedHashMap<>(), new ArrayList<>());
		parser.body(root, true);
		if (!root.attributes().isEmpty()) {
			throw parser.error("top-level attributes are not components: " + root.attributes().keySet());
		}
		return root.blocks();
	}

	private void body(Block into, boolean topLevel) {
		while (true) {
			skipSpace();
			if (this.pos >= this.text.length()) {
				if (!topLevel) {
					throw error("unclosed block " + into.name());
				}
				return;
			}
			if (peek() == '}') {
				if (topLevel) {
					throw error("unexpected }");
				}
				this.pos++;
				return;
			}
			String name = dottedIdentifier();
			skipSpace();
			if (peek() == '=') {
				this.pos++;
				Object previous = into.attributes().put(name, value());
				if (previous != null) {
					throw error("attribute " + name + " set twice");
				}
				continue;
			}
			String label = null;
			if (peek() == '"') {
				label = string();
				skipSpace();
			}
			expect('{');
			Block block = new Block(name, label, new LinkedHashMap<>(), new ArrayList<>());
			body(block, false);
			into.blocks().add(block);
		}
	}

	private Object value() {
		skipSpace();
		char c = peek();
		if (c == '"') {
			return string();
		}
		if (c == '[') {
			this.pos++;
			List<Object> list = new ArrayList<>();
			while (true) {
				skipSpace();
				if (peek() == ']') {
					this.pos++;
					return list;
				}
				list.add(value());
				skipSpace();
				if (peek() == ',') {
					this.pos++;
				}
				else if (peek() != ']') {
					throw error("expected , or ] in a list");
				}
			}
		}
		if (c == '{') {
			this.pos++;
			Map<String, Object> object = new LinkedHashMap<>();
			while (true) {
				skipSpace();
				if (peek() == '}') {
					this.pos++;
					return object;
				}
				String key = (peek() == '"') ? string() : dottedIdentifier();
				skipSpace();
				expect('=');
				object.put(key, value());
				skipSpace();
				if (peek() == ',') {
					this.pos++;
				}
				else if (peek() != '}') {
					throw error("expected , or } in an object");
				}
			}
		}
		if (c == '-' || Character.isDigit(c)) {
			int start = this.pos;
			this.pos++;
			while (this.pos < this.text.length()
					&& (Character.isDigit(peek()) || peek() == '.' || peek() == 'e' || peek() == 'E')) {
				this.pos++;
			}
			return Double.parseDouble(this.text.substring(start, this.pos));
		}
		String identifier = dottedIdentifier();
		return switch (identifier) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			case "null" -> null;
			default -> new Reference(identifier);
		};
	}

	private String string() {
		expect('"');
		StringBuilder value = new StringBuilder();
		while (true) {
			if (this.pos >= this.text.length()) {
				throw error("unterminated string");
			}
			char c = this.text.charAt(this.pos++);
			if (c == '"') {
				return value.toString();
			}
			if (c == '\n') {
				throw error("line break in a string");
			}
			if (c == '\\') {
				char escaped = this.text.charAt(this.pos++);
				value.append(switch (escaped) {
					case 'n' -> '\n';
					case 't' -> '\t';
					case 'r' -> '\r';
					case '"', '\\' -> escaped;
					default -> throw error("unknown escape \\" + escaped);
				});
			}
			else {
				value.append(c);
			}
		}
	}

	private String dottedIdentifier() {
		int start = this.pos;
		while (this.pos < this.text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '.')) {
			this.pos++;
		}
		if (start == this.pos || !Character.isLetter(this.text.charAt(start))) {
			throw error("expected an identifier");
		}
		return this.text.substring(start, this.pos);
	}

	private void skipSpace() {
		while (this.pos < this.text.length()) {
			char c = peek();
			if (Character.isWhitespace(c)) {
				this.pos++;
			}
			else if (this.text.startsWith("//", this.pos)) {
				while (this.pos < this.text.length() && peek() != '\n') {
					this.pos++;
				}
			}
			else if (this.text.startsWith("/*", this.pos)) {
				int end = this.text.indexOf("*/", this.pos + 2);
				if (end < 0) {
					throw error("unterminated comment");
				}
				this.pos = end + 2;
			}
			else {
				return;
			}
		}
	}

	private void expect(char c) {
		if (this.pos >= this.text.length() || peek() != c) {
			throw error("expected '" + c + "'");
		}
		this.pos++;
	}

	private char peek() {
		return (this.pos < this.text.length()) ? this.text.charAt(this.pos) : '\0';
	}

	private IllegalArgumentException error(String message) {
		int line = 1 + (int) this.text.substring(0, Math.min(this.pos, this.text.length()))
			.chars()
			.filter((c) -> c == '\n')
			.count();
		return new IllegalArgumentException("Alloy syntax error at line " + line + ": " + message);
	}

}
