package dev.crm.deploy;

import java.nio.file.Path;
import java.util.List;

/**
 * Writes the Prometheus Operator's and Grafana's resources from the files the native
 * stack and compose use: one {@code PrometheusRule} per prometheus/rules/*.yml, whose
 * {@code spec} is that file as it is, and one ConfigMap per grafana/dashboards/*.json,
 * labelled for Grafana's dashboard sidecar. Every file matching the glob is taken, so a
 * new rule file or dashboard only needs the regeneration. Text, not a YAML dump: the rule
 * files keep their comments and block scalars, and a diff against the source reads line
 * by line.
 */
final class MonitoringResources {

	/** The one command that rewrites the generated files from their sources. */
	static final String REGENERATE = "./mvnw -q test -Dtest=MonitoringResourcesTests -Dk8s.write=true";

	static final Path PROMETHEUS_RULES = Repository.KUBERNETES.resolve("monitoring/prometheusrules.yaml");

	static final Path DASHBOARDS = Repository.KUBERNETES.resolve("monitoring/dashboards.yaml");

	/** The label the Grafana chart's dashboard sidecar watches for, by default. */
	static final String DASHBOARD_LABEL = "grafana_dashboard";

	private MonitoringResources() {
	}

	static String prometheusRules(List<Path> ruleFiles) {
		StringBuilder out = header("prometheus/rules/*.yml");
		for (Path file : ruleFiles) {
			out.append("---\n");
			out.append("# From ").append(Repository.relative(file)).append("\n");
			out.append("apiVersion: monitoring.coreos.com/v1\n");
			out.append("kind: PrometheusRule\n");
			out.append("metadata:\n");
			out.append("  name: crm-api-").append(baseName(file, ".yml")).append("\n");
			out.append("  labels:\n");
			out.append("    app.kubernetes.io/name: crm-api\n");
			out.append("spec:\n");
			indent(out, Repository.read(file), "  ");
		}
		return out.toString();
	}

	static String dashboards(List<Path> dashboardFiles) {
		StringBuilder out = header("grafana/dashboards/*.json");
		for (Path file : dashboardFiles) {
			String json = Repository.read(file);
			out.append("---\n");
			out.append("# From ").append(Repository.relative(file)).append("\n");
			out.append("apiVersion: v1\n");
			out.append("kind: ConfigMap\n");
			out.append("metadata:\n");
			out.append("  name: crm-api-dashboard-").append(baseName(file, ".json")).append("\n");
			out.append("  labels:\n");
			out.append("    app.kubernetes.io/name: crm-api\n");
			out.append("    ").append(DASHBOARD_LABEL).append(": \"1\"\n");
			out.append("  annotations:\n");
			out.append("    # The sidecar's folder annotation: the dashboards' folder in Grafana.\n");
			out.append("    grafana_folder: crm-api\n");
			out.append("data:\n");
			// A literal block keeps the JSON byte for byte; strip its final newline only
			// when the file has none.
			out.append("  ").append(file.getFileName()).append(json.endsWith("\n") ? ": |\n" : ": |-\n");
			indent(out, json, "    ");
		}
		return out.toString();
	}

	private static StringBuilder header(String sources) {
		StringBuilder out = new StringBuilder();
		out.append("# GENERATED from ")
			.append(sources)
			.append(" by MonitoringResources (src/test/java/dev/crm/deploy).\n");
		out.append("# Do not edit: change the sources, then run ").append(REGENERATE).append("\n");
		return out;
	}

	private static void indent(StringBuilder out, String text, String indent) {
		for (String line : text.split("\n", -1)) {
			if (!line.isEmpty()) {
				out.append(indent).append(line);
			}
			out.append("\n");
		}
		// split(-1) yields an empty last element after a final newline: drop its extra
		// line.
		if (text.endsWith("\n")) {
			out.setLength(out.length() - 1);
		}
	}

	private static String baseName(Path file, String suffix) {
		String name = file.getFileName().toString();
		return name.substring(0, name.length() - suffix.length());
	}

}
