package dev.crm.monitoring;

import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@code $__rate_interval}).
 */
class DashboardLintTests {

	static final List<String> REQUIRED_UIDS = List.of("crm-overview", "crm-slo", "crm-jvm", "crm-dependencies",
			"crm-business");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern RANGE = Pattern.compile("\\[([^]]+)]");

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

	static Set<String> provisionedDatasourceUids() {
		Map<String, Object> provisioning = MonitoringStack
			.yaml(GRAFANA.resolve("provisioning/datasources/datasources.yml"));
		List<String> uids = MonitoringStack.list(provisioning.get("datasources"))
			.stream()
			.map((datasource) -> (String) datasource.get("uid"))
			.toList();
		assertThat(uids).as("provisioned datasource UIDs").doesNotContainNull().doesNotHaveDuplicates();
		return new HashSet<>(uids);
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

	@Test
	void datasourcesAreSelectedByVariableDefaultingToAProvisionedUid() {
		Set<String> provisioned = provisionedDatasourceUids();
		for (JsonNode dashboard : dashboards()) {
			String uid = dashboard.path("uid").asString();
			JsonNode variable = null;
			for (JsonNode candidate : dashboard.path("templating").path("list")) {
				if (candidate.path("type").asString().equals("datasource")) {
					variable = candidate;
				}
			}
			assertThat(variable).as("%s has a datasource variable", uid).isNotNull();
			assertThat(variable.path("current").path("value").asString())
				.as("%s datasource variable defaults to a provisioned UID", uid)
				.isIn(provisioned);
			String reference = "${" + variable.path("name").asString() + "}";
			for (JsonNode panel : panels(dashboard)) {
				String title = panel.path("title").asString();
				assertThat(panel.path("datasource").path("uid").asString()).as("%s / %s datasource", uid, title)
					.isEqualTo(reference);
				for (JsonNode target : panel.path("targets")) {
					assertThat(target.path("datasource").path("uid").asString())
						.as("%s / %s query %s datasource", uid, title, target.path("refId").asString())
						.isEqualTo(reference);
				}
			}
		}
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
				assertThat(panel.path("fieldConfig").path("defaults").path("unit").asString())
					.as("%s / %s unit", uid, title)
					.isNotBlank();
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
					Matcher range = RANGE.matcher(query);
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
