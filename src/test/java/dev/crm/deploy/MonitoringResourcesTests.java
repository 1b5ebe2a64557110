package dev.crm.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PrometheusRules and dashboard ConfigMaps in deploy/kubernetes/monitoring are what
 * prometheus/rules/*.yml and grafana/dashboards/*.json generate, and the rendered
 * production overlay carries exactly those rule groups and dashboards. With
 * {@code -Dk8s.write=true} the test writes the generated files in place instead: that is
 * the regeneration command ({@link MonitoringResources#REGENERATE}).
 */
class MonitoringResourcesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void checkedInPrometheusRulesAreWhatTheRuleFilesGenerate() {
		assertInSync(MonitoringResources.PROMETHEUS_RULES,
				MonitoringResources.prometheusRules(Repository.files(Repository.RULES, ".yml")));
	}

	@Test
	void checkedInDashboardConfigMapsAreWhatTheDashboardFilesGenerate() {
		assertInSync(MonitoringResources.DASHBOARDS,
				MonitoringResources.dashboards(Repository.files(Repository.DASHBOARDS, ".json")));
	}

	@Test
	void theRenderedRuleGroupsAreExactlyThoseOfTheRuleFiles() {
		List<Object> fromFiles = new ArrayList<>();
		for (Path file : Repository.files(Repository.RULES, ".yml")) {
			fromFiles.addAll((List<?>) yaml(Repository.read(file)).get("groups"));
		}
		List<Object> rendered = new ArrayList<>();
		for (Map<String, Object> rule : Kustomize.ofKind(Kustomize.render(Kustomize.PRODUCTION), "PrometheusRule")) {
			rendered.addAll((List<?>) ((Map<?, ?>) rule.get("spec")).get("groups"));
		}
		assertThat(rendered).as("spec.groups of the rendered PrometheusRules").isNotEmpty().isEqualTo(fromFiles);
	}

	@Test
	void theRenderedDashboardsAreTheDashboardFilesForGrafanasSidecar() {
		Map<String, JsonNode> rendered = new java.util.TreeMap<>();
		for (Map<String, Object> configMap : Kustomize.ofKind(Kustomize.render(Kustomize.PRODUCTION), "ConfigMap")) {
			Map<?, ?> metadata = (Map<?, ?>) configMap.get("metadata");
			Map<?, ?> labels = (Map<?, ?>) metadata.get("labels");
			if (labels != null && labels.containsKey(MonitoringResources.DASHBOARD_LABEL)) {
				assertThat(labels.get(MonitoringResources.DASHBOARD_LABEL))
					.as("%s metadata.labels.%s", metadata.get("name"), MonitoringResources.DASHBOARD_LABEL)
					.isEqualTo("1");
				((Map<?, ?>) configMap.get("data"))
					.forEach((key, json) -> rendered.put((String) key, JSON.readTree((String) json)));
			}
		}
		Map<String, JsonNode> fromFiles = new java.util.TreeMap<>();
		for (Path file : Repository.files(Repository.DASHBOARDS, ".json")) {
			fromFiles.put(file.getFileName().toString(), JSON.readTree(Repository.read(file)));
		}
		assertThat(rendered).as("data of the ConfigMaps labelled %s", MonitoringResources.DASHBOARD_LABEL)
			.isEqualTo(fromFiles);
	}

	@Test
	void aRuleFileAddedLaterIsTakenByTheGlob(@TempDir Path dir) throws Exception {
		for (Path file : Repository.files(Repository.RULES, ".yml")) {
			Files.copy(file, dir.resolve(file.getFileName()));
		}
		Files.writeString(dir.resolve("zz-new.yml"),
				"groups:\n  - name: new\n    rules:\n      - record: x:y:z\n        expr: vector(1)\n");
		String generated = MonitoringResources.prometheusRules(Repository.files(dir, ".yml"));
		assertThat(generated).contains("name: crm-api-zz-new").contains("  - name: new\n");
		assertThat(generated).as("a rule file the checked-in resources do not have yet")
			.isNotEqualTo(Repository.read(MonitoringResources.PROMETHEUS_RULES));
	}

	private static void assertInSync(Path checkedIn, String generated) {
		Path copy = Repository.ROOT.resolve("target/generated-k8s").resolve(checkedIn.getFileName());
		Repository.write(copy, generated);
		if (Boolean.getBoolean("k8s.write")) {
			Repository.write(checkedIn, generated);
		}
		assertThat(Files.exists(checkedIn) ? Repository.read(checkedIn) : "")
			.as("%s is generated and differs from what its sources generate now (see `diff %s %s`)."
					+ " Regenerate it with: %s", Repository.relative(checkedIn), Repository.relative(checkedIn),
					Repository.relative(copy), MonitoringResources.REGENERATE)
			.isEqualTo(generated);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> yaml(String text) {
		return (Map<String, Object>) new Yaml(new LoaderOptions()).load(text);
	}

}
