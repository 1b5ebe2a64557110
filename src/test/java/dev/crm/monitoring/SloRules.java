package dev.crm.monitoring;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.crm.monitoring.SloSpec.Alert;
import dev.crm.monitoring.SloSpec.AlertWindows;
import dev.crm.monitoring.SloSpec.Row;
import dev.crm.monitoring.SloSpec.Slo;

/**
 * Writes prometheus/rules/slo.yml from prometheus/slos.yml: per window, a request rate
 * and one bad-event ratio per SLO; per SLO, a page and a ticket burn-rate alert. Text,
 * not a YAML dump, so the generated file keeps its comments and reads like the
 * hand-written one it replaced. Links are relative (see
 * alertmanager/templates/links.tmpl).
 */
final class SloRules {

	/** The one command that rewrites the rules from the spec. */
	static final String REGENERATE = "./mvnw -q test -Dtest=SloRulesTests -Dslo.write=true";

	/** Plain YAML scalars we write unquoted: nothing YAML could read as syntax. */
	private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9 ,.%()'/-]*");

	private SloRules() {
	}

	static String generate(SloSpec spec) {
		StringBuilder out = new StringBuilder();
		header(spec, out);
		out.append("groups:\n");
		out.append("  - name: ").append(spec.service()).append("-slo-sli\n");
		out.append("    rules:\n");
		for (String window : spec.windows()) {
			recordingRule(out, requests(spec), "rate" + window, sum(spec, spec.requests(), window));
			for (Slo slo : spec.slos()) {
				recordingRule(out, ratio(spec, slo), "ratio_rate" + window, badRatio(spec, slo, window));
			}
		}
		out.append("\n");
		out.append("  - name: ").append(spec.service()).append("-slo-alerts\n");
		out.append("    rules:\n");
		for (Slo slo : spec.slos()) {
			alert(out, spec, slo, slo.page(), spec.page());
			alert(out, spec, slo, slo.ticket(), spec.ticket());
		}
		return out.toString();
	}

	private static void header(SloSpec spec, StringBuilder out) {
		out.append("# GENERATED from prometheus/slos.yml by SloRules (src/test/java/dev/crm/monitoring).\n");
		out.append("# Do not edit: change the spec, then run ").append(REGENERATE).append("\n");
		out.append("#\n");
		out.append("# SLIs of " + spec.service() + "'s SLOs over " + spec.period() + ", counting " + spec.requests()
				+ ":\n");
		for (Slo slo : spec.slos()) {
			out.append("#   " + slo.name() + " (" + plain(slo.objective()) + "%, error budget "
					+ plain(slo.errorBudget()) + "): " + slo.description() + "\n");
		}
		out.append("# Naming is level:metric:operation; the level is `").append(spec.by());
		out.append("`,\n# so the ratios aggregate `by (").append(spec.by()).append(")`.\n");
		List<String> alerted = spec.windows()
			.stream()
			.filter((window) -> Stream.of(spec.page(), spec.ticket())
				.flatMap((windows) -> windows.rows().stream())
				.anyMatch((row) -> row.longWindow().equals(window) || row.shortWindow().equals(window)))
			.toList();
		out.append("# Windows: ").append(String.join(", ", spec.windows())).append(". The burn-rate alerts read ");
		out.append(String.join(", ", alerted)).append("\n# (SRE Workbook, ch. 5); ").append(spec.period());
		out.append(" is the SLO period itself, for the error-budget panels.\n");
		out.append("# Error ratios fall back to 0 (`or 0 * requests`) while there are requests but no error\n");
		out.append("# series yet, so panels show 0% rather than \"No data\"; with no requests they stay absent.\n");
	}

	private static void recordingRule(StringBuilder out, String metric, String operation, String expr) {
		out.append("      - record: ").append(metric).append(":").append(operation).append("\n");
		out.append("        expr: ");
		if (expr.contains("\n")) {
			out.append("|\n");
			expr.lines().forEach((line) -> out.append("          ").append(line).append("\n"));
		}
		else {
			out.append(expr).append("\n");
		}
	}

	private static String badRatio(SloSpec spec, Slo slo, String window) {
		String requests = sum(spec, spec.requests(), window);
		if (slo.errors() != null) {
			return String.join("\n", sum(spec, slo.errors(), window), "/", requests, "or", "0 * " + requests);
		}
		return String.join("\n", "1 - (", "  " + sum(spec, slo.success(), window), "  /", "  " + requests, ")");
	}

	private static String sum(SloSpec spec, String selector, String window) {
		return "sum by (" + spec.by() + ") (rate(" + selector + "[" + window + "]))";
	}

	private static void alert(StringBuilder out, SloSpec spec, Slo slo, Alert alert, AlertWindows windows) {
		out.append("      - alert: ").append(alert.name()).append("\n");
		out.append("        # Value: the long window's burn rate (1 = spending the budget exactly over ");
		out.append(spec.period()).append(").\n");
		out.append("        # Guard: at least ").append(plain(spec.minRequestsPerMinute()));
		out.append(" requests a minute over the long window, so that one failed\n");
		out.append("        # request out of a handful can never cross the threshold on its own.\n");
		out.append("        expr: |\n");
		String rows = windows.rows()
			.stream()
			.map((row) -> condition(spec, slo, row))
			.collect(Collectors.joining("\n          or\n"));
		out.append(rows).append("\n");
		out.append("        for: ").append(windows.pendingFor()).append("\n");
		out.append("        labels:\n");
		out.append("          severity: ").append(windows.severity()).append("\n");
		out.append("        annotations:\n");
		out.append("          summary: ").append(scalar(alert.summary())).append("\n");
		out.append("          description: ").append(scalar(description(spec, slo, windows))).append("\n");
		out.append("          runbook_url: runbooks/").append(alert.name()).append(".md\n");
		out.append("          dashboard_url: d/").append(slo.dashboard()).append("\n");
	}

	private static String condition(SloSpec spec, Slo slo, Row row) {
		String budget = plain(slo.errorBudget());
		String burnRate = plain(row.burnRate());
		String ratio = ratio(spec, slo) + ":ratio_rate";
		return String.join("\n", "          (",
				"            " + ratio + row.longWindow() + " / " + budget + " > " + burnRate,
				"            and on (" + spec.by() + ")",
				"            " + ratio + row.shortWindow() + " / " + budget + " > " + burnRate,
				"            and on (" + spec.by() + ")", "            " + requests(spec) + ":rate" + row.longWindow()
						+ " >= " + plain(spec.minRequestsPerMinute()) + " / 60",
				"          )");
	}

	private static String description(SloSpec spec, Slo slo, AlertWindows windows) {
		List<String> rows = windows.rows()
			.stream()
			.map((row) -> row.longWindow() + "/" + row.shortWindow() + " windows over " + plain(row.burnRate()) + "x")
			.toList();
		return "{{ $labels." + spec.by() + " }} is burning its " + slo.name()
				+ " error budget {{ $value | printf \"%.1f\" }}x faster than the SLO allows (" + String.join(", ", rows)
				+ ").";
	}

	private static String requests(SloSpec spec) {
		return spec.by() + ":slo_requests";
	}

	private static String ratio(SloSpec spec, Slo slo) {
		return spec.by() + ":" + slo.record();
	}

	private static String plain(BigDecimal number) {
		return number.stripTrailingZeros().toPlainString();
	}

	/**
	 * A YAML scalar: plain when nothing in it reads as syntax, single-quoted otherwise.
	 */
	private static String scalar(String text) {
		return PLAIN.matcher(text).matches() ? text : "'" + text.replace("'", "''") + "'";
	}

}
