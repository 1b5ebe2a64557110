package dev.crm.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * One scrape of {@code /actuator/prometheus}, parsed into samples. It understands both
 * the Prometheus text format and OpenMetrics (whose sample lines may end in an exemplar).
 *
 * @param text the body as served
 */
public record PrometheusScrape(String text) {

	public static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

	/** Scrapes the management server in the Prometheus text format. */
	public static PrometheusScrape of(Api management) {
		Api.Response response = management.get("/actuator/prometheus");
		if (response.status() != 200) {
			throw new IllegalStateException("Scrape failed: " + response.status());
		}
		return new PrometheusScrape(response.body());
	}

	public List<Sample> samples() {
		List<Sample> samples = new ArrayList<>();
		for (String line : this.text.split("\n")) {
			if (!line.isBlank() && !line.startsWith("#")) {
				samples.add(Sample.parse(line));
			}
		}
		return samples;
	}

	public List<Sample> samples(String name) {
		return samples().stream().filter((sample) -> sample.name().equals(name)).toList();
	}

	public List<Sample> samples(String name, Predicate<Sample> filter) {
		return samples(name).stream().filter(filter).toList();
	}

	/**
	 * The series, as name and labels, of the samples {@code filter} accepts; the measure
	 * of cardinality.
	 */
	public Set<String> series(Predicate<Sample> filter) {
		Set<String> series = new TreeSet<>();
		samples().stream().filter(filter).forEach((sample) -> series.add(sample.series()));
		return series;
	}

	/** Metric names declared by {@code # TYPE} lines. */
	public Set<String> metricFamilies() {
		Set<String> names = new TreeSet<>();
		for (String line : this.text.split("\n")) {
			if (line.startsWith("# TYPE ")) {
				names.add(line.split(" ")[2]);
			}
		}
		return names;
	}

	/**
	 * One sample line.
	 *
	 * @param name the sample name
	 * @param labels the labels in order
	 * @param value the value
	 * @param exemplar the exemplar's labels (OpenMetrics only), empty when none
	 */
	public record Sample(String name, Map<String, String> labels, double value, Map<String, String> exemplar) {

		public String label(String label) {
			return this.labels.get(label);
		}

		public boolean has(String label, String value) {
			return value.equals(this.labels.get(label));
		}

		String series() {
			return this.name + this.labels;
		}

		static Sample parse(String line) {
			int i = 0;
			while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
				i++;
			}
			String name = line.substring(0, i);
			Map<String, String> labels = new LinkedHashMap<>();
			if (i < line.length() && line.charAt(i) == '{') {
				i = parseLabels(line, i, labels);
			}
			String rest = line.substring(i).trim();
			Map<String, String> exemplar = new LinkedHashMap<>();
			int hash = rest.indexOf(" # ");
			if (hash >= 0) {
				parseLabels(rest, rest.indexOf('{', hash), exemplar);
				rest = rest.substring(0, hash).trim();
			}
			String value = rest.split(" ")[0];
			return new Sample(name, labels, parseValue(value), exemplar);
		}

		/** Parses {@code {a="b",...}} from {@code start}; returns the index after it. */
		private static int parseLabels(String line, int start, Map<String, String> labels) {
			int i = start + 1;
			while (line.charAt(i) != '}') {
				int eq = line.indexOf('=', i);
				String key = line.substring(i, eq).trim();
				StringBuilder value = new StringBuilder();
				int j = eq + 2;
				while (line.charAt(j) != '"') {
					if (line.charAt(j) == '\\') {
						j++;
						value.append((line.charAt(j) == 'n') ? '\n' : line.charAt(j));
					}
					else {
						value.append(line.charAt(j));
					}
					j++;
				}
				labels.put(key, value.toString());
				i = j + 1;
				if (line.charAt(i) == ',') {
					i++;
				}
			}
			return i + 1;
		}

		private static double parseValue(String value) {
			return switch (value) {
				case "+Inf" -> Double.POSITIVE_INFINITY;
				case "-Inf" -> Double.NEGATIVE_INFINITY;
				case "NaN" -> Double.NaN;
				default -> Double.parseDouble(value);
			};
		}

	}

}
