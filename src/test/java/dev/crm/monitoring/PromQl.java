package dev.crm.monitoring;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the metric names a PromQL expression selects. Not a parser: it removes what
 * cannot be a metric name (strings, label matchers, ranges, grouping clauses, Grafana
 * variables), then keeps every identifier that is neither a function call nor a keyword.
 */
final class PromQl {

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

	private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");

	private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");

	private static final Pattern IDENTIFIER = Pattern.compile("(?<![A-Za-z0-9_:.])[A-Za-z_:][A-Za-z0-9_:]*");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
			"ignoring", "group_left", "group_right", "inf", "nan", "atan2");

	private static final Pattern LABEL_VALUES = Pattern
		.compile("^\\s*label_values\\((.*),\\s*[A-Za-z_]\\w*\\s*\\)\\s*$", Pattern.DOTALL);

	private PromQl() {
	}

	/**
	 * Metric names in a Grafana query variable: {@code label_values(selector, label)}
	 * takes a label name as its last argument, which is not a metric.
	 */
	static Set<String> variableMetricNames(String definition) {
		Matcher labelValues = LABEL_VALUES.matcher(definition);
		return metricNames(labelValues.matches() ? labelValues.group(1) : definition);
	}

	static Set<String> metricNames(String expr) {
		String rest = STRING.matcher(expr).replaceAll("\"\"");
		rest = MATCHERS.matcher(rest).replaceAll(" ");
		rest = RANGE.matcher(rest).replaceAll(" ");
		rest = GROUPING.matcher(rest).replaceAll(" ");
		rest = VARIABLE.matcher(rest).replaceAll(" ");
		Set<String> names = new TreeSet<>();
		Matcher matcher = IDENTIFIER.matcher(rest);
		while (matcher.find()) {
			String name = matcher.group();
			boolean call = rest.substring(matcher.end()).stripLeading().startsWith("(");
			if (!call && !KEYWORDS.contains(name.toLowerCase())) {
				names.add(name);
			}
		}
		return names;
	}

}
