import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.crm.load.Workload;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one run's figures three ways: {@code results.md} (the table that
 * {@code scripts/bench.sh --publish} copies to {@code docs/results/performance.md}),
 * {@code results.json} (every value of every round, for tools and the smoke
 * test) and {@code chart.svg} (the on/off ratios against their targets). Every figure
 * is shown for ours (default) and for the OpenTelemetry Java agent, each divided by
 * the same no-instrumentation instance of the same round; and the access line's cost,
 * default's CPU per request less the access-log-off instance's of the same round.
 */
final class Report {

	static final String[] INSTANCES = { "default", "no-instrumentation", "opentelemetry-agent", "access-log-off" };

	static final String ACCESS_LINE_LABEL = "access line (CPU per request, default − access-log-off)";

	/** The agent's bars in the chart. */
	private static final String AGENT_COLOUR = "#bab0ac";

	/** The access-log-off instance's bar in the chart. */
	private static final String ACCESS_LOG_OFF_COLOUR = "#76b7b2";

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	/** A white outline, so a label stays readable where it crosses a bar or a line. */
	private static final String HALO = "paint-order=\"stroke\" stroke=\"white\" stroke-width=\"3\"";

	private static final String[] COLOURS = { "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1" };

	private Report() {
	}

	/** What the run was and where it ran, for the header of each output. */
	record Context(String date, String commit, String command, String cpu, int cores, String jdk, String loadAverage,
			String steal, String parameters, String jvmFlags, String agent) {
	}

	static void write(Path directory, Results results, Context context) throws IOException {
		Files.writeString(directory.resolve("results.md"), markdown(results, context));
		JSON.writeValue(directory.resolve("results.json").toFile(), json(results, context));
		Files.writeString(directory.resolve("chart.svg"), svg(results, context));
	}

	static String markdown(Results results, Context context) {
		StringBuilder md = new StringBuilder();
		md.append("# crm-api benchmark: instrumentation on (default) and the OpenTelemetry Java agent, ")
			.append("each ÷ off (`no-instrumentation`)\n\n");
		md.append("- Run ")
			.append(context.date())
			.append(" on commit `")
			.append(context.commit())
			.append("`; ")
			.append(context.cpu())
			.append(", ")
			.append(context.cores())
			.append(" cores; JDK ")
			.append(context.jdk())
			.append("; load average ")
			.append(context.loadAverage())
			.append("; CPU steal during the run ")
			.append(context.steal())
			.append(".\n");
		md.append("- Command: `").append(context.command()).append("`.\n");
		md.append("- ").append(context.parameters()).append("\n");
		md.append("- Every JVM: `").append(context.jvmFlags()).append("`.\n");
		md.append("- opentelemetry-agent: the same jar with `no-instrumentation` and ").append(context.agent()).append(".\n");
		md.append("- access-log-off: the default jar with `CRM_LOGGING_ACCESS_LOG_ENABLED=false`.\n");
		md.append("- Each cell: median (min–max) over rounds. on/off is default ÷ no-instrumentation, agent/off ")
			.append("opentelemetry-agent ÷ no-instrumentation, paired round by round (the instances run back to back ")
			.append("in each round): ours vs the agent, same run. A target \"agent's\" compares the medians of the ")
			.append("two ratios. The row \"")
			.append(ACCESS_LINE_LABEL)
			.append("\" gives, in the default column, default's CPU per request less access-log-off's, paired ")
			.append("round by round: what one access line costs.\n\n");
		md.append("| workload | figure | default | no-instrumentation | opentelemetry-agent | access-log-off | on/off "
				+ "| agent/off | target |\n");
		md.append("|---|---|---|---|---|---|---|---|---|\n");
		for (Map.Entry<Workload, Map<Results.Figure, Results.Samples>> workload : results.workloads.entrySet()) {
			String name = workload.getKey().title() + String.format(Locale.ROOT, " (fixed rate %.0f/s)",
					results.rates.getOrDefault(workload.getKey(), 0.0));
			for (Results.Figure figure : Results.Figure.PER_WORKLOAD) {
				Results.Samples samples = workload.getValue().get(figure);
				if (samples == null) {
					continue;
				}
				Results.Spread ratio = ratio(samples, Results.DEFAULT);
				Results.Spread agentRatio = ratio(samples, Results.AGENT);
				md.append("| ")
					.append(name)
					.append(" | ")
					.append(figure.label)
					.append(" | ")
					.append(cell(figure, samples.of(Results.DEFAULT)))
					.append(" | ")
					.append(cell(figure, samples.of(Results.OFF)))
					.append(" | ")
					.append(cell(figure, samples.of(Results.AGENT)))
					.append(" | ")
					.append(cell(figure, samples.of(Results.ACCESS_LOG_OFF)))
					.append(" | ")
					.append(ratioCell(ratio))
					.append(" | ")
					.append(ratioCell(agentRatio))
					.append(" | ")
					.append(targetCell(figure, ratio, agentRatio))
					.append(" |\n");
				name = "";
				if (figure == Results.Figure.CPU) {
					md.append("|  | ").append(ACCESS_LINE_LABEL).append(" | ").append(accessLineCell(samples));
					md.append(" | | | | | | ").append(accessLineTarget(samples)).append(" |\n");
				}
			}
		}
		md.append("\n| service | default | no-instrumentation | opentelemetry-agent | access-log-off | on/off "
				+ "| agent/off | target |\n");
		md.append("|---|---|---|---|---|---|---|---|\n");
		for (Results.Figure figure : Results.Figure.SERVICE) {
			Results.Samples samples = results.service.get(figure);
			if (samples == null) {
				continue;
			}
			String target = "";
			if (figure == Results.Figure.SCRAPE_P99) {
				double p99 = Results.Spread.of(samples.of(0)).median();
				target = "default ≤ " + format(Results.Figure.SCRAPE_P99_TARGET_MS, 0) + " ms"
						+ ((p99 <= Results.Figure.SCRAPE_P99_TARGET_MS) ? " (met)" : " (missed)");
			}
			md.append("| ")
				.append(figure.label)
				.append(" | ")
				.append(cell(figure, samples.of(Results.DEFAULT)))
				.append(" | ")
				.append(cell(figure, samples.of(Results.OFF)))
				.append(" | ")
				.append(cell(figure, samples.of(Results.AGENT)))
				.append(" | ")
				.append(cell(figure, samples.of(Results.ACCESS_LOG_OFF)))
				.append(" | ")
				.append(ratioCell(ratio(samples, Results.DEFAULT)))
				.append(" | ")
				.append(ratioCell(ratio(samples, Results.AGENT)))
				.append(" | ")
				.append(target)
				.append(" |\n");
		}
		md.append("\nThe scrape figures are each instance's metrics endpoint: `/actuator/prometheus` for default, ")
			.append("no-instrumentation and access-log-off, the agent's Prometheus exporter for ")
			.append("opentelemetry-agent.\n");
		md.append('\n').append(unexpectedLine(results)).append('\n');
		md.append("\n![The on/off ratios against their targets](chart.svg)\n\n");
		md.append("Every value of every round: `results.json`. Gatling's HTML report of each fixed-rate round: ")
			.append("`gatling/<workload>-<instance>-<round>/*/index.html`.\n");
		return md.toString();
	}

	private static String unexpectedLine(Results results) {
		StringBuilder line = new StringBuilder();
		for (Map.Entry<Workload, long[]> entry : results.unexpected.entrySet()) {
			for (int i = 0; i < Results.INSTANCES; i++) {
				if (entry.getValue()[i] > 0) {
					line.append(line.isEmpty() ? "" : "; ")
						.append(entry.getKey().id())
						.append(" on ")
						.append(INSTANCES[i])
						.append(": ")
						.append(entry.getValue()[i]);
				}
			}
		}
		return line.isEmpty()
				? "Every request got its expected status: no answer of 400 or more and no socket error under wrk, "
						+ "no KO (a status other than 200, or 201 for a POST) under Gatling."
				: "**Requests with an unexpected status or no answer (wrk errors and Gatling KOs):** " + line
						+ ". Figures of those workloads are suspect.";
	}

	private static String cell(Results.Figure figure, List<Double> values) {
		Results.Spread spread = Results.Spread.of(values);
		String unit = figure.unit.isEmpty() ? "" : " " + figure.unit;
		if (values.size() == 1 || spread.min() == spread.max()) {
			return format(spread.median(), figure.decimals) + unit;
		}
		return format(spread.median(), figure.decimals) + unit + " (" + format(spread.min(), figure.decimals) + "–"
				+ format(spread.max(), figure.decimals) + ")";
	}

	/** The spread of an instance's round-by-round ratios to off, or null when no round has one. */
	private static Results.Spread ratio(Results.Samples samples, int instance) {
		List<Double> ratios = samples.ratios(instance);
		return ratios.isEmpty() ? null : Results.Spread.of(ratios);
	}

	private static String ratioCell(Results.Spread ratio) {
		if (ratio == null) {
			return "— (under 1 ms in every round)";
		}
		String median = "**" + format(ratio.median(), 2) + "×**";
		return (ratio.min() == ratio.max()) ? median
				: median + " (" + format(ratio.min(), 2) + "–" + format(ratio.max(), 2) + ")";
	}

	/** The access line's cost: default − access-log-off, median (min–max) of the rounds. */
	private static String accessLineCell(Results.Samples cpu) {
		Results.Spread spread = Results.Spread.of(cpu.accessLine());
		String median = "**" + format(spread.median(), 1) + " µs**";
		return (spread.min() == spread.max()) ? median
				: median + " (" + format(spread.min(), 1) + "–" + format(spread.max(), 1) + ")";
	}

	private static String accessLineTarget(Results.Samples cpu) {
		boolean met = Results.Spread.of(cpu.accessLine()).median() <= Results.ACCESS_LINE_TARGET_US;
		return "≤ " + format(Results.ACCESS_LINE_TARGET_US, 0) + " µs" + (met ? " (met)" : " (missed)");
	}

	private static String targetCell(Results.Figure figure, Results.Spread ratio, Results.Spread agentRatio) {
		if (!figure.hasTarget()) {
			return "";
		}
		if (ratio == null) {
			return figure.targetText();
		}
		return figure.targetText()
				+ (figure.meets(ratio.median(), (agentRatio != null) ? agentRatio.median() : null) ? " (met)"
						: " (missed)");
	}

	static String format(double value, int decimals) {
		return String.format(Locale.ROOT, "%,." + decimals + "f", value);
	}

	/** Every value of every round, as a tree Jackson writes: for tools and the smoke test. */
	static Map<String, Object> json(Results results, Context context) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("date", context.date());
		json.put("commit", context.commit());
		json.put("command", context.command());
		json.put("machine", Map.of("cpu", context.cpu(), "cores", context.cores(), "jdk", context.jdk(), "load_average",
				context.loadAverage(), "steal", context.steal()));
		json.put("parameters", context.parameters());
		json.put("jvm_flags", context.jvmFlags());
		json.put("agent", context.agent());
		json.put("instances", List.of(INSTANCES));
		Map<String, Object> workloads = new LinkedHashMap<>();
		for (Map.Entry<Workload, Map<Results.Figure, Results.Samples>> workload : results.workloads.entrySet()) {
			Workload key = workload.getKey();
			long[] unexpected = results.unexpected.getOrDefault(key, new long[Results.INSTANCES]);
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("title", key.title());
			entry.put("fixed_rate_per_s", results.rates.getOrDefault(key, 0.0));
			entry.put("unexpected_statuses", java.util.Arrays.stream(unexpected).boxed().toList());
			entry.put("figures", figures(workload.getValue()));
			Results.Samples cpu = workload.getValue().get(Results.Figure.CPU);
			if (cpu != null) {
				entry.put("access_line_cpu_per_request_us", finite(cpu.accessLine()));
			}
			workloads.put(key.id(), entry);
		}
		json.put("workloads", workloads);
		json.put("service", figures(results.service));
		return json;
	}

	private static Map<String, Object> figures(Map<Results.Figure, Results.Samples> figures) {
		Map<String, Object> json = new LinkedHashMap<>();
		for (Map.Entry<Results.Figure, Results.Samples> entry : figures.entrySet()) {
			Results.Samples samples = entry.getValue();
			Map<String, Object> figure = new LinkedHashMap<>();
			for (int i = 0; i < Results.INSTANCES; i++) {
				figure.put(INSTANCES[i], finite(samples.of(i)));
			}
			figure.put("ratio", finite(samples.ratios(Results.DEFAULT)));
			figure.put("agent_ratio", finite(samples.ratios(Results.AGENT)));
			json.put(entry.getKey().key, figure);
		}
		return json;
	}

	/** JSON has no NaN or Infinity: a figure that could not be computed is null. */
	private static List<Double> finite(List<Double> values) {
		return values.stream().map((value) -> Double.isFinite(value) ? value : null).toList();
	}

	/**
	 * Seven panels: the on/off ratio of each per-workload figure (a bar per workload at
	 * the median, the agent's ratio in grey beside it, a whisker from the lowest to the
	 * highest round, the parity line at 1× and the absolute target dashed), the scrape
	 * p99 of every instance against its 20 ms target, and the access line's µs per
	 * workload against its 5 µs target.
	 */
	static String svg(Results results, Context context) {
		int panelWidth = 340;
		int panelHeight = 250;
		int columns = 3;
		int top = 92;
		int width = columns * panelWidth + 20;
		int height = top + 3 * panelHeight + 30;
		StringBuilder svg = new StringBuilder();
		svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
			.append(width)
			.append("\" height=\"")
			.append(height)
			.append("\" viewBox=\"0 0 ")
			.append(width)
			.append(' ')
			.append(height)
			.append("\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
		text(svg, 20, 28,
				"crm-api: cost of instrumentation, default and the OpenTelemetry agent ÷ no-instrumentation (same run)",
				"font-size=\"17\" font-weight=\"bold\"");
		text(svg, 20, 48, "Bars: median of the rounds (grey: the agent's); whiskers: lowest to highest round; dashed: "
				+ "target; line: 1× ("
				+ context.cores() + " cores, " + context.cpu() + ", " + context.date() + ")", "fill=\"#555\"");
		List<Workload> workloads = List.copyOf(results.workloads.keySet());
		int legendX = 20;
		for (int i = 0; i < workloads.size(); i++) {
			svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"62\" width=\"14\" height=\"14\" fill=\"%s\"/>%n",
					legendX, COLOURS[i % COLOURS.length]));
			text(svg, legendX + 20, 74, workloads.get(i).title(), "");
			legendX += 28 + 7 * workloads.get(i).title().length();
		}
		int panel = 0;
		for (Results.Figure figure : Results.Figure.PER_WORKLOAD) {
			int x = 10 + (panel % columns) * panelWidth;
			int y = top + (panel / columns) * panelHeight;
			List<Bar> bars = new java.util.ArrayList<>();
			for (int i = 0; i < workloads.size(); i++) {
				Results.Samples samples = results.workloads.get(workloads.get(i)).get(figure);
				Results.Spread ratio = (samples != null) ? ratio(samples, Results.DEFAULT) : null;
				if (ratio != null) {
					bars.add(new Bar(workloads.get(i).id(), COLOURS[i % COLOURS.length], ratio, "×"));
				}
				Results.Spread agentRatio = (samples != null) ? ratio(samples, Results.AGENT) : null;
				if (agentRatio != null) {
					bars.add(new Bar("agent", AGENT_COLOUR, agentRatio, "×"));
				}
			}
			panel(svg, x, y, panelWidth, panelHeight, figure.label + " (on/off)", bars, 1.0, figure.ratioTarget,
					figure.targetText());
			panel++;
		}
		Results.Samples scrape = results.service.get(Results.Figure.SCRAPE_P99);
		if (scrape != null) {
			int x = 10 + (panel % columns) * panelWidth;
			int y = top + (panel / columns) * panelHeight;
			List<Bar> bars = List.of(new Bar("default", "#4e79a7", Results.Spread.of(scrape.of(Results.DEFAULT)), " ms"),
					new Bar("no-instr.", "#9c9c9c", Results.Spread.of(scrape.of(Results.OFF)), " ms"),
					new Bar("agent", AGENT_COLOUR, Results.Spread.of(scrape.of(Results.AGENT)), " ms"),
					new Bar("no access log", ACCESS_LOG_OFF_COLOUR,
							Results.Spread.of(scrape.of(Results.ACCESS_LOG_OFF)), " ms"));
			panel(svg, x, y, panelWidth, panelHeight, "/actuator/prometheus scrape p99 (ms)", bars, null,
					Results.Figure.SCRAPE_P99_TARGET_MS, "≤ 20 ms");
			panel++;
		}
		List<Bar> accessLine = new java.util.ArrayList<>();
		for (int i = 0; i < workloads.size(); i++) {
			Results.Samples cpu = results.workloads.get(workloads.get(i)).get(Results.Figure.CPU);
			if (cpu != null) {
				accessLine.add(new Bar(workloads.get(i).id(), COLOURS[i % COLOURS.length],
						Results.Spread.of(cpu.accessLine()), " µs"));
			}
		}
		if (!accessLine.isEmpty()) {
			int x = 10 + (panel % columns) * panelWidth;
			int y = top + (panel / columns) * panelHeight;
			panel(svg, x, y, panelWidth, panelHeight, "access line (default − access-log-off, µs)", accessLine, null,
					Results.ACCESS_LINE_TARGET_US, "≤ 5 µs");
		}
		svg.append("</svg>\n");
		return svg.toString();
	}

	private record Bar(String label, String colour, Results.Spread value, String unit) {
	}

	private static void panel(StringBuilder svg, int x, int y, int width, int height, String title, List<Bar> bars,
			Double parity, Double target, String targetText) {
		int left = x + 48;
		int right = x + width - 16;
		int plotTop = y + 34;
		int plotBottom = y + height - 34;
		double max = 0;
		for (Bar bar : bars) {
			max = Math.max(max, bar.value().max());
		}
		if (parity != null) {
			max = Math.max(max, parity);
		}
		if (target != null) {
			max = Math.max(max, target);
		}
		double step = niceStep(max * 1.15 / 5);
		double scaleMax = Math.ceil(max * 1.15 / step) * step;
		text(svg, x + 8, y + 18, title, "font-size=\"13\" font-weight=\"bold\"");
		for (double tick = 0; tick <= scaleMax + step / 2; tick += step) {
			double ty = plotBottom - (plotBottom - plotTop) * tick / scaleMax;
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e6e6e6\"/>%n", left, ty, right, ty));
			text(svg, left - 6, ty + 4, format(tick, decimals(step)),
					"text-anchor=\"end\" fill=\"#555\" font-size=\"11\"");
		}
		svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", left,
				plotBottom, right, plotBottom));
		double slot = (right - left) / (double) Math.max(1, bars.size());
		for (int i = 0; i < bars.size(); i++) {
			Bar bar = bars.get(i);
			double cx = left + slot * (i + 0.5);
			double barWidth = Math.min(44, slot * 0.6);
			// A difference (the access line) can fall below 0 in a noisy round: the axis
			// starts at 0, so such a bar or whisker stops there and its label tells the value.
			double barTop = plotBottom - (plotBottom - plotTop) * Math.max(0, bar.value().median()) / scaleMax;
			svg.append(String.format(Locale.ROOT,
					"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n", cx - barWidth / 2,
					barTop, barWidth, plotBottom - barTop, bar.colour()));
			double whiskerLow = plotBottom - (plotBottom - plotTop) * Math.max(0, bar.value().min()) / scaleMax;
			double whiskerHigh = plotBottom - (plotBottom - plotTop) * Math.max(0, bar.value().max()) / scaleMax;
			svg.append(String.format(Locale.ROOT,
					"<path d=\"M%.1f %.1fV%.1fM%.1f %.1fh12M%.1f %.1fh12\" stroke=\"#222\" stroke-width=\"1.5\" fill=\"none\"/>%n",
					cx, whiskerLow, whiskerHigh, cx - 6, whiskerLow, cx - 6, whiskerHigh));
			String value = format(bar.value().median(), bar.unit().equals("×") ? 2 : 1) + bar.unit();
			text(svg, cx, Math.min(barTop, whiskerHigh) - 5, value, "text-anchor=\"middle\" font-size=\"11\" " + HALO);
			text(svg, cx, plotBottom + 16, bar.label(), "text-anchor=\"middle\" font-size=\"11\"");
		}
		if (parity != null) {
			double py = plotBottom - (plotBottom - plotTop) * parity / scaleMax;
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#888\" stroke-width=\"1.5\"/>%n", left,
					py, right, py));
		}
		if (target != null) {
			double ty = plotBottom - (plotBottom - plotTop) * target / scaleMax;
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#d62728\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>%n",
					left, ty, right, ty));
			text(svg, right, ty - 4, "target " + targetText, "text-anchor=\"end\" fill=\"#d62728\" font-size=\"11\" " + HALO);
		}
	}

	/** Just enough decimals to tell ticks {@code step} apart (0.25 needs two). */
	private static int decimals(double step) {
		int decimals = 0;
		while (decimals < 3 && Math.abs(step * Math.pow(10, decimals) - Math.rint(step * Math.pow(10, decimals))) > 1e-9) {
			decimals++;
		}
		return decimals;
	}

	private static double niceStep(double rough) {
		double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
		double fraction = rough / magnitude;
		double nice = (fraction <= 1) ? 1 : (fraction <= 2) ? 2 : (fraction <= 2.5) ? 2.5 : (fraction <= 5) ? 5 : 10;
		return nice * magnitude;
	}

	private static void text(StringBuilder svg, double x, double y, String content, String attributes) {
		svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" %s>", x, y, attributes))
			.append(content.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
			.append("</text>\n");
	}

}
