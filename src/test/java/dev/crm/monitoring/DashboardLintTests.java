package dev.crm.monitoring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.crm.monitoring.MonitoringStack.GRAFANA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * grafana/: the provisioned datasources and the dashboards follow STYLE.md (fixed UIDs,
 * datasource by variable, title, description and unit on every panel,
 * {@code $__rate_interval}), every datasource UID that is named exists, and metrics,
 * traces and log lines link to each other.
 */
class DashboardLintTests {

	static final List<String> REQUIRED_UIDS = List.of("crm-overview", "crm-slo", "crm-jvm", "crm-dependencies",
			"crm-business");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern RANGE = Pattern.compile("\\[([^]]+)]");

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

	private static final Path DATASOURCES = GRAFANA.resolve("provisioning/datasources/datasources.yml");

	static List<Path> dashboardFiles() {
		return MonitoringStack.files(GRAFANA.resolve("dashboards"), ".json");
	}

	static List<JsonNode> dashboards() {
		return dashboardFiles().stream().map((file) -> JSON.readTree(MonitoringStack.read(file))).toList();
	}

	/** Every panel of every dashboard, flattening rows. */
	static List<JsonNode> panels(JsonNode dashboard) {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			panels.add(panel);
			panel.path("panels").forEach(panels::add);
		}
		return panels;
	}

	static List<String> queries(JsonNode panel) {
		List<String> queries = new ArrayList<>();
		panel.path("targets").forEach((target) -> queries.add(target.path("expr").asString()));
		return queries;
	}

	/** PromQL queries only: a Loki panel's LogQL names no metric. */
	static List<String> prometheusQueries(JsonNode panel) {
		return panel.path("datasource").path("type").asString().equals("prometheus") ? queries(panel) : List.of();
	}

	/** Provisioned datasources: UID to plugin type. */
	static Map<String, String> provisionedDatasourceTypes() {
		List<Map<String, Object>> datasources = MonitoringStack
			.list(MonitoringStack.yaml(DATASOURCES).get("datasources"));
		List<String> uids = datasources.stream().map((datasource) -> (String) datasource.get("uid")).toList();
		assertThat(uids).as("provisioned datasource UIDs").doesNotContainNull().doesNotHaveDuplicates();
		Map<String, String> types = new HashMap<>();
		datasources.forEach((datasource) -> types.put((String) datasource.get("uid"), (String) datasource.get("type")));
		return types;
	}

	private static Map<String, Object> jsonData(Map<String, Object> datasource) {
		assertThat(datasource).as("provisioned datasource").isNotNull();
		return MonitoringStack.map(datasource.get("jsonData"));
	}

	/** Every value of {@code key}, at any depth. */
	private static void collect(Object node, String key, List<String> values) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((name, value) -> {
				if (key.equals(name)) {
					values.add(String.valueOf(value));
				}
				collect(value, key, values);
			});
		}
		else if (node instanceof List<?> list) {
			list.forEach((item) -> collect(item, key, values));
		}
	}

	@Test
	void everyDashboardIsValidJsonWithAUniqueFixedUid() {
		List<String> uids = new ArrayList<>();
		for (Path file : dashboardFiles()) {
			JsonNode dashboard = JSON.readTree(MonitoringStack.read(file));
			String uid = dashboard.path("uid").asString();
			assertThat(uid).as("%s has a fixed uid", file.getFileName()).matches("[a-z0-9-]{1,40}");
			assertThat(file.getFileName().toString()).as("file named after its uid").isEqualTo(uid + ".json");
			assertThat(dashboard.path("title").asString()).as("%s title", uid).isNotBlank();
			uids.add(uid);
		}
		assertThat(uids).doesNotHaveDuplicates().containsAll(REQUIRED_UIDS).hasSizeGreaterThanOrEqualTo(5);
	}

	/**
	 * Each panel and query selects its datasource through one of the dashboard's
	 * datasource variables (Prometheus for metrics, Loki for log lines), and each
	 * variable defaults to a provisioned datasource of its plugin type.
	 */
	@Test
	void datasourcesAreSelectedByVariableDefaultingToAProvisionedUid() {
		Map<String, String> provisioned = provisionedDatasourceTypes();
		for (JsonNode dashboard : dashboards()) {
			String uid = dashboard.path("uid").asString();
			Map<String, String> typeByReference = new HashMap<>();
			for (JsonNode variable : dashboard.path("templating").path("list")) {
				if (variable.path("type").asString().equals("datasource")) {
					String type = variable.path("query").asString();
					assertThat(provisioned.get(variable.path("current").path("value").asString()))
						.as("%s variable %s defaults to a provisioned %s datasource", uid,
								variable.path("name").asString(), type)
						.isEqualTo(type);
					typeByReference.put("${" + variable.path("name").asString() + "}", type);
				}
			}
			assertThat(typeByReference.values()).as("%s has a Prometheus datasource variable", uid)
				.contains("prometheus");
			for (JsonNode panel : panels(dashboard)) {
				String title = panel.path("title").asString();
				JsonNode datasource = panel.path("datasource");
				assertThat(typeByReference).as("%s / %s datasource is a variable", uid, title)
					.containsEntry(datasource.path("uid").asString(), datasource.path("type").asString());
				for (JsonNode target : panel.path("targets")) {
					assertThat(target.path("datasource"))
						.as("%s / %s query %s datasource", uid, title, target.path("refId").asString())
						.isEqualTo(datasource);
				}
			}
		}
	}

	/** Every datasource UID that a datasource or a dashboard names is provisioned. */
	@Test
	void everyReferencedDatasourceUidIsProvisioned() {
		Map<String, String> provisioned = provisionedDatasourceTypes();
		List<String> referenced = new ArrayList<>();
		collect(MonitoringStack.yaml(DATASOURCES), "datasourceUid", referenced);
		assertThat(referenced).as("links between datasources").isNotEmpty();
		for (JsonNode dashboard : dashboards()) {
			dashboard.findValues("datasource")
				.stream()
				.map((datasource) -> datasource.path("uid").asString())
				.filter((reference) -> !reference.isEmpty() && !reference.startsWith("${"))
				.forEach(referenced::add);
		}
		assertThat(referenced).allSatisfy((reference) -> assertThat(provisioned).containsKey(reference));
	}

	/**
	 * The links between signals, provisioned as grafana/docker-otel-lgtm does: an
	 * exemplar opens its trace, a trace opens its service's log lines for that trace
	 * (with a time shift, since lines are written as the request ends), a log line's
	 * trace_id opens the trace. Names are checked against what Alloy makes labels and
	 * structured metadata.
	 */
	@Test
	void exemplarsTracesAndLogLinesLinkToEachOther() {
		Map<String, String> types = provisionedDatasourceTypes();
		Map<String, Map<String, Object>> datasources = new HashMap<>();
		MonitoringStack.list(MonitoringStack.yaml(DATASOURCES).get("datasources"))
			.forEach((datasource) -> datasources.put((String) datasource.get("type"), datasource));

		List<Map<String, Object>> exemplars = MonitoringStack
			.list(jsonData(datasources.get("prometheus")).get("exemplarTraceIdDestinations"));
		assertThat(exemplars).as("Prometheus exemplars -> Tempo").singleElement().satisfies((destination) -> {
			assertThat(destination).containsEntry("name", "trace_id").doesNotContainKey("url");
			assertThat(types.get((String) destination.get("datasourceUid"))).isEqualTo("tempo");
			assertThat((String) destination.get("urlDisplayLabel")).isNotBlank();
		});

		Map<String, Object> tracesToLogs = MonitoringStack
			.map(jsonData(datasources.get("tempo")).get("tracesToLogsV2"));
		assertThat(types.get((String) tracesToLogs.get("datasourceUid"))).as("Tempo traces -> Loki").isEqualTo("loki");
		assertThat(String.valueOf(tracesToLogs.get("spanStartTimeShift"))).as("start shift").startsWith("-");
		assertThat(String.valueOf(tracesToLogs.get("spanEndTimeShift"))).as("end shift").matches("[1-9][0-9]*[smh]");
		Map<String, String> tagToLabel = new HashMap<>();
		MonitoringStack.list(tracesToLogs.get("tags"))
			.forEach((tag) -> tagToLabel.put((String) tag.get("key"), (String) tag.get("value")));
		assertThat(tagToLabel).as("resource attribute -> Loki label").containsEntry("service.name", "service");
		assertThat(AlloyLabels.labels()).as("the labels Alloy gives log lines").containsAll(tagToLabel.values());
		assertThat((String) tracesToLogs.get("query")).contains("$${__tags}")
			.contains("trace_id=\"$${__trace.traceId}\"");
		assertThat(AlloyLabels.structuredMetadata()).contains("trace_id");

		List<Map<String, Object>> derived = MonitoringStack
			.list(jsonData(datasources.get("loki")).get("derivedFields"));
		assertThat(derived).as("Loki trace_id -> Tempo").singleElement().satisfies((field) -> {
			assertThat(field).containsEntry("matcherType", "label").containsEntry("matcherRegex", "trace_id");
			assertThat(types.get((String) field.get("datasourceUid"))).isEqualTo("tempo");
			assertThat((String) field.get("url")).isEqualTo("$${__value.raw}");
		});

		JsonNode overview = dashboards().stream()
			.filter((dashboard) -> dashboard.path("uid").asString().equals("crm-overview"))
			.findFirst()
			.orElseThrow();
		Set<String> textboxes = new HashSet<>();
		for (JsonNode variable : overview.path("templating").path("list")) {
			if (variable.path("type").asString().equals("textbox")) {
				textboxes.add(variable.path("name").asString());
			}
		}
		assertThat(textboxes).contains("request_id", "trace_id");
		assertThat(panels(overview)).as("crm-overview has a Loki logs panel filtered by request_id and trace_id")
			.anySatisfy((panel) -> {
				assertThat(panel.path("type").asString()).isEqualTo("logs");
				assertThat(panel.path("datasource").path("type").asString()).isEqualTo("loki");
				assertThat(queries(panel)).singleElement().satisfies((query) -> {
					assertThat(query).startsWith("{service=\"$service\"}")
						.contains("request_id=~`${request_id:regex}.*`", "trace_id=~`${trace_id:regex}.*`");
					assertThat(AlloyLabels.structuredMetadata()).contains("request_id", "trace_id");
				});
			});
	}

	@Test
	void everyPanelHasTitleDescriptionUnitAndQueries() {
		for (JsonNode dashboard : dashboards()) {
			String uid = dashboard.path("uid").asString();
			assertThat(panels(dashboard)).as("%s panels", uid).isNotEmpty();
			Set<String> titles = new HashSet<>();
			for (JsonNode panel : panels(dashboard)) {
				String title = panel.path("title").asString();
				assertThat(title).as("%s panel %s title", uid, panel.path("id")).isNotBlank();
				assertThat(titles.add(title)).as("%s panel title %s is unique", uid, title).isTrue();
				assertThat(panel.path("description").asString()).as("%s / %s description", uid, title).isNotBlank();
				if (!panel.path("type").asString().equals("logs")) {
					// A logs panel shows lines, not numbers.
					assertThat(panel.path("fieldConfig").path("defaults").path("unit").asString())
						.as("%s / %s unit", uid, title)
						.isNotBlank();
				}
				assertThat(queries(panel)).as("%s / %s queries", uid, title).isNotEmpty().allMatch((q) -> !q.isBlank());
			}
		}
	}

	@Test
	void rangesUseRateIntervalOrTheDashboardRange() {
		for (JsonNode dashboard : dashboards()) {
			String uid = dashboard.path("uid").asString();
			boolean usesRateInterval = false;
			for (JsonNode panel : panels(dashboard)) {
				for (String query : queries(panel)) {
					// Brackets inside strings are regex classes (status=~"5[0-9][0-9]").
					Matcher range = RANGE.matcher(STRING.matcher(query).replaceAll("\"\""));
					while (range.find()) {
						assertThat(range.group(1)).as("%s / %s range in %s", uid, panel.path("title").asString(), query)
							.isIn("$__rate_interval", "$__range");
						usesRateInterval |= range.group(1).equals("$__rate_interval");
					}
				}
			}
			assertThat(usesRateInterval).as("%s uses $__rate_interval", uid).isTrue();
		}
	}

	@Test
	void sloPanelsLinkTheirRunbooks() {
		JsonNode slo = dashboards().stream()
			.filter((dashboard) -> dashboard.path("uid").asString().equals("crm-slo"))
			.findFirst()
			.orElseThrow();
		for (JsonNode panel : panels(slo)) {
			Set<String> links = new HashSet<>();
			panel.path("links").forEach((link) -> links.add(link.path("url").asString()));
			assertThat(links).as("crm-slo / %s links a runbook", panel.path("title").asString())
				.anyMatch((url) -> url.contains("/runbooks/"));
		}
	}

	@Test
	void theDashboardProviderServesTheDashboardsDirectory() {
		Map<String, Object> provisioning = MonitoringStack
			.yaml(GRAFANA.resolve("provisioning/dashboards/dashboards.yml"));
		Set<String> paths = MonitoringStack.list(provisioning.get("providers"))
			.stream()
			.map((provider) -> (String) MonitoringStack.map(provider.get("options")).get("path"))
			.collect(Collectors.toSet());
		String compose = MonitoringStack.read(MonitoringStack.ROOT.resolve("docker-compose.monitoring.yml"));
		assertThat(paths).as("the provider's path is where compose mounts grafana/dashboards")
			.allMatch((path) -> compose.contains("./grafana/dashboards:" + path + ":ro"));
	}

}
