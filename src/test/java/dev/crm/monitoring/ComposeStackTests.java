package dev.crm.monitoring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

import static dev.crm.monitoring.MonitoringStack.ROOT;
import static dev.crm.monitoring.MonitoringStack.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.monitoring.yml and the Dockerfile. There is no Docker engine, Tempo,
 * Loki or Alloy here, so this validates what can be validated without them: the file
 * parses, every file it mounts or reads exists and parses, images are pinned, the
 * services the issue lists are there, and every address one service uses to reach another
 * names a port that service listens on.
 */
class ComposeStackTests {

	private static final Path COMPOSE = ROOT.resolve("docker-compose.monitoring.yml");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** {@code ${NAME:-default}} or {@code ${NAME-default}}: the default applies here. */
	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

	/** name:tag or name@sha256:digest, where the tag is a version (has a digit). */
	private static final Pattern PINNED = Pattern
		.compile("[a-z0-9._/-]+(:[A-Za-z0-9._-]*[0-9][A-Za-z0-9._-]*)?(@sha256:[a-f0-9]{64})?");

	private static Map<String, Object> compose() {
		return MonitoringStack.yaml(COMPOSE);
	}

	private static Map<String, Object> services() {
		return map(compose().get("services"));
	}

	@Test
	void bringsUpTheAppItsDependenciesAndTheWholeStack() {
		assertThat(services()).containsKeys("crm-api", "postgres", "redis", "prometheus", "alertmanager", "grafana",
				"tempo", "loki", "alloy", "blackbox-exporter", "postgres-exporter", "redis-exporter", "node-exporter");
		assertThat(map(map(services().get("crm-api")).get("build")).get("dockerfile")).isEqualTo("Dockerfile");
	}

	@Test
	void everyImageIsPinnedToAVersionWithoutARegistryHost() {
		List<String> images = new ArrayList<>();
		services().forEach((name, service) -> {
			Object image = map(service).get("image");
			assertThat(image).as("service %s has an image", name).isNotNull();
			images.add((String) image);
		});
		for (String line : MonitoringStack.read(ROOT.resolve("Dockerfile")).lines().toList()) {
			if (line.startsWith("FROM ")) {
				images.add(line.split("\\s+")[1]);
			}
		}
		for (String image : images) {
			assertThat(image).as("image %s", image).doesNotContain(":latest").doesNotContain("$");
			Matcher pinned = PINNED.matcher(image);
			assertThat(pinned.matches() && (pinned.group(1) != null || pinned.group(2) != null))
				.as("image %s is pinned to a version tag or digest", image)
				.isTrue();
			String first = image.split("/")[0];
			assertThat(image.contains("/") && (first.contains(".") || first.contains(":")))
				.as("image %s names no registry host", image)
				.isFalse();
		}
	}

	@Test
	void everyMountedOrReferencedFileExists() {
		List<String> paths = new ArrayList<>();
		services().forEach((name, value) -> {
			Map<String, Object> service = map(value);
			for (Object volume : (List<?>) service.getOrDefault("volumes", List.of())) {
				String source = String.valueOf(volume).split(":")[0];
				if (source.startsWith(".")) {
					paths.add(source);
				}
			}
			Map<String, Object> build = map(service.get("build"));
			if (!build.isEmpty()) {
				paths.add(String.valueOf(build.getOrDefault("context", ".")));
				paths.add(build.getOrDefault("context", ".") + "/" + build.getOrDefault("dockerfile", "Dockerfile"));
			}
		});
		map(compose().get("secrets")).forEach((name, secret) -> paths.add((String) map(secret).get("file")));
		assertThat(paths).isNotEmpty();
		for (String path : paths) {
			Path resolved = ROOT.resolve(withDefaults(path)).normalize();
			assertThat(resolved).as("%s (from %s)", ROOT.relativize(resolved), path).exists();
		}
	}

	@Test
	void secretsComeFromFilesAndNoneIsInline() {
		String compose = MonitoringStack.read(COMPOSE);
		assertThat(compose).doesNotContainPattern("(?i)(PASSWORD|TOKEN|ROUTING_KEY|WEBHOOK)\\w*:[ \\t]*[^\\s$/]")
			.contains("POSTGRES_PASSWORD_FILE", "GF_SECURITY_ADMIN_PASSWORD__FILE", "DATA_SOURCE_PASS_FILE");
		map(compose().get("secrets"))
			.forEach((name, secret) -> assertThat((String) map(secret).get("file")).as("secret %s", name)
				.startsWith("${CRM_SECRETS_DIR:-"));
	}

	@Test
	void statefulServicesUseNamedVolumes() {
		assertThat(map(compose().get("volumes"))).containsKeys("postgres-data", "prometheus-data", "alertmanager-data",
				"grafana-data", "tempo-data", "loki-data", "alloy-data");
		Map<String, String> stateDirectories = Map.of("tempo", "/var/tempo", "loki", "/loki", "alloy",
				"/var/lib/alloy/data");
		stateDirectories.forEach(
				(service, directory) -> assertThat(mounts(service)).as("%s keeps its data in a named volume", service)
					.contains(service + "-data:" + directory));
	}

	@Test
	void servicesWithAShellHaveHealthchecks() {
		services().forEach((name, service) -> {
			boolean scratchImage = name.equals("redis-exporter");
			boolean imageHealthcheck = name.equals("crm-api");
			if (!scratchImage && !imageHealthcheck) {
				assertThat(map(service)).as("service %s healthcheck", name).containsKey("healthcheck");
			}
		});
		assertThat(MonitoringStack.read(ROOT.resolve("Dockerfile"))).contains("HEALTHCHECK");
	}

	@Test
	void theImageRunsAsNonRootOnTheLayeredJar() {
		String dockerfile = MonitoringStack.read(ROOT.resolve("Dockerfile"));
		assertThat(dockerfile.lines().filter((line) -> line.startsWith("FROM ")).count()).as("multi-stage")
			.isGreaterThanOrEqualTo(2);
		assertThat(dockerfile).contains("USER 10001", "-Djarmode=tools", "extract --layers", "MaxRAMPercentage",
				"JarLauncher");
	}

	@Test
	void everyMountedConfigFileParses() {
		List<Path> checked = new ArrayList<>();
		services().forEach((name, value) -> {
			for (String source : mounts(name)) {
				String path = source.split(":")[0];
				if (path.startsWith(".")) {
					Path mounted = ROOT.resolve(path).normalize();
					List<Path> files = Files.isDirectory(mounted) ? MonitoringStack.filesUnder(mounted)
							: List.of(mounted);
					files.forEach((file) -> {
						parse(file);
						checked.add(file);
					});
				}
			}
		});
		assertThat(checked).extracting((file) -> ROOT.relativize(file).toString())
			.contains("tempo/tempo.yaml", "loki/loki.yaml", "alloy/config.alloy",
					"grafana/provisioning/datasources/datasources.yml", "prometheus/prometheus.yml",
					"alertmanager/alertmanager.yml");
	}

	/**
	 * Every address one part of the stack uses to reach another names a compose service
	 * and a port that service listens on: the container side of its published ports, the
	 * port its own configuration file sets, or the one its healthcheck probes.
	 */
	@Test
	void everyAddressNamesAServiceAndAPortItListensOn() {
		Map<String, Set<Integer>> listening = listeningPorts();
		List<String> references = new ArrayList<>();
		Map<String, String> sources = new LinkedHashMap<>();
		sources.put("docker-compose.monitoring.yml (crm-api environment)",
				String.valueOf(map(services().get("crm-api")).get("environment")));
		sources.put("grafana datasources", MonitoringStack.read(DATASOURCES));
		sources.put("alloy/config.alloy", MonitoringStack.read(ALLOY));
		MonitoringStack.files(ROOT.resolve("prometheus/targets/compose"), ".yml")
			.forEach((file) -> sources.put(ROOT.relativize(file).toString(), MonitoringStack.read(file)));
		sources.forEach((source, text) -> {
			Matcher address = ADDRESS.matcher(text);
			while (address.find()) {
				String host = address.group(1);
				int port = Integer.parseInt(address.group(2));
				references.add(source + ": " + host + ":" + port);
				assertThat(services()).as("%s: %s:%d names a compose service", source, host, port).containsKey(host);
				if (listening.containsKey(host)) {
					assertThat(listening.get(host)).as("%s: %s listens on %d", source, host, port).contains(port);
				}
			}
		});
		assertThat(references).as("addresses checked")
			.anyMatch((ref) -> ref.contains("tempo:4318"))
			.anyMatch((ref) -> ref.contains("tempo:3200"))
			.anyMatch((ref) -> ref.contains("loki:3100"))
			.anyMatch((ref) -> ref.contains("prometheus:9090"))
			.anyMatch((ref) -> ref.contains("alertmanager:9093"));
	}

	@Test
	void theAppExportsSpansToTempoOverOtlpHttp() {
		Map<String, Object> environment = map(map(services().get("crm-api")).get("environment"));
		String endpoint = String.valueOf(environment.get("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT"));
		Map<String, Object> otlpHttp = map(
				map(map(map(map(map(tempo().get("distributor")).get("receivers")).get("otlp")).get("protocols")))
					.get("http"));
		String receiver = String.valueOf(otlpHttp.get("endpoint"));
		assertThat(receiver).as("Tempo's OTLP/HTTP receiver listens beyond its own container").startsWith("0.0.0.0:");
		assertThat(endpoint).isEqualTo("http://tempo:" + receiver.split(":")[1] + "/v1/traces");
		assertThat(map(map(services().get("crm-api")).get("depends_on")))
			.as("the API starts without waiting for its tracing backend")
			.doesNotContainKey("tempo");
	}

	@Test
	void alloyShipsOnlyTheAppsLinesWithServiceEnvAndLevelAsTheirOnlyLabels() {
		List<AlloyConfig.Block> components = AlloyConfig.parse(MonitoringStack.read(ALLOY));
		Set<String> declared = new HashSet<>();
		components.forEach((component) -> declared.add(component.name() + "." + component.label()));
		for (AlloyConfig.Block component : components) {
			for (Object value : component.attributes().values()) {
				references(value).forEach((reference) -> assertThat(declared)
					.as("%s.%s refers to %s", component.name(), component.label(), reference)
					.anyMatch(reference::startsWith));
			}
		}
		AlloyConfig.Block relabel = component(components, "discovery.relabel");
		assertThat(relabel.blocks("rule")).singleElement().satisfies((rule) -> {
			assertThat(rule.attributes()).containsEntry("action", "keep")
				.containsEntry("source_labels", List.of("__meta_docker_container_label_com_docker_compose_service"));
			assertThat(services()).containsKey((String) rule.attributes().get("regex"));
		});
		AlloyConfig.Block process = component(components, "loki.process");
		Map<String, Object> fields = process.block("stage.json").object("expressions");
		assertThat(fields).as("fields of the log contract")
			.containsEntry("service", "service")
			.containsEntry("env", "env")
			.containsEntry("level", "level")
			.containsEntry("trace_id", "trace_id")
			.containsEntry("request_id", "request_id")
			.containsEntry("timestamp", "\"@timestamp\"");
		Set<String> labels = AlloyLabels.labels();
		Set<String> metadata = AlloyLabels.structuredMetadata();
		assertThat(labels).as("stream labels").containsExactlyInAnyOrder("service", "env", "level");
		assertThat(metadata).as("structured metadata")
			.contains("trace_id", "request_id")
			.doesNotContainAnyElementsOf(labels);
		assertThat(process.blocks()).extracting(AlloyConfig.Block::name)
			.as("no other stage adds labels")
			.doesNotContain("stage.static_labels", "stage.label_keep", "stage.labeldrop");
		Map<String, Object> limits = map(loki().get("limits_config"));
		assertThat(limits.get("discover_service_name")).as("Loki adds no service_name label of its own")
			.isEqualTo(List.of());
		assertThat(limits).containsEntry("allow_structured_metadata", true).containsEntry("discover_log_levels", false);
	}

	@Test
	void noServiceOrLinkPointsAtAJaegerUi() {
		assertThat(MonitoringStack.read(COMPOSE)).doesNotContain("16686");
		assertThat(MonitoringStack.read(DATASOURCES)).doesNotContain("16686");
	}

	private static String withDefaults(String path) {
		Matcher matcher = VARIABLE.matcher(path);
		StringBuilder resolved = new StringBuilder();
		while (matcher.find()) {
			assertThat(matcher.group(2)).as("%s has a default, so the stack starts without setup", path).isNotNull();
			matcher.appendReplacement(resolved, Matcher.quoteReplacement(matcher.group(2)));
		}
		matcher.appendTail(resolved);
		return resolved.toString();
	}

	private static final Path DATASOURCES = ROOT.resolve("grafana/provisioning/datasources/datasources.yml");

	private static final Path ALLOY = ROOT.resolve("alloy/config.alloy");

	/** {@code scheme://host:port}, or a bare {@code host:port} as in target files. */
	private static final Pattern ADDRESS = Pattern.compile("(?://|'|\"|- |: )([a-z][a-z0-9-]*):([0-9]{2,5})\\b");

	private static final Pattern PORT_IN_URL = Pattern.compile("127\\.0\\.0\\.1[:/]([0-9]{2,5})");

	private static Map<String, Object> tempo() {
		return MonitoringStack.yaml(ROOT.resolve("tempo/tempo.yaml"));
	}

	private static Map<String, Object> loki() {
		return MonitoringStack.yaml(ROOT.resolve("loki/loki.yaml"));
	}

	private static List<String> mounts(String service) {
		return ((List<?>) map(services().get(service)).getOrDefault("volumes", List.of())).stream()
			.map(String::valueOf)
			.toList();
	}

	/**
	 * Ports each service listens on, as far as this repository says: published ports
	 * (container side), healthcheck probes, and the listen ports in Tempo's, Loki's and
	 * Alloy's own files. The files and compose must agree with each other.
	 */
	private static Map<String, Set<Integer>> listeningPorts() {
		Map<String, Set<Integer>> listening = new LinkedHashMap<>();
		services().forEach((name, value) -> {
			Set<Integer> ports = new HashSet<>();
			for (Object published : (List<?>) map(value).getOrDefault("ports", List.of())) {
				String[] parts = String.valueOf(published).split(":");
				ports.add(Integer.parseInt(parts[parts.length - 1]));
			}
			Matcher probe = PORT_IN_URL.matcher(String.valueOf(map(value).get("healthcheck")));
			while (probe.find()) {
				ports.add(Integer.parseInt(probe.group(1)));
			}
			if (!ports.isEmpty()) {
				listening.put(name, ports);
			}
		});
		Map<String, Object> tempoServer = map(tempo().get("server"));
		String otlpHttp = String
			.valueOf(map(map(map(map(map(tempo().get("distributor")).get("receivers")).get("otlp")).get("protocols"))
				.get("http")).get("endpoint"));
		Set<Integer> tempoPorts = Set.of((Integer) tempoServer.get("http_listen_port"),
				Integer.parseInt(otlpHttp.split(":")[1]));
		Set<Integer> lokiPorts = Set.of((Integer) map(loki().get("server")).get("http_listen_port"));
		String alloyListen = String.valueOf(map(services().get("alloy")).get("command"))
			.replaceAll(".*--server\\.http\\.listen-addr=[^:]*:([0-9]+).*", "$1");
		Set<Integer> alloyPorts = Set.of(Integer.parseInt(alloyListen));
		Map<String, Set<Integer>> configured = Map.of("tempo", tempoPorts, "loki", lokiPorts, "alloy", alloyPorts);
		configured.forEach((service, ports) -> {
			assertThat(ports).as("%s: compose publishes and probes only ports its configuration listens on", service)
				.containsAll(listening.getOrDefault(service, Set.of()));
			listening.put(service, ports);
		});
		return listening;
	}

	private static void parse(Path file) {
		String name = file.getFileName().toString();
		String text = MonitoringStack.read(file);
		try {
			if (name.endsWith(".yml") || name.endsWith(".yaml")) {
				assertThat(new Yaml(new LoaderOptions()).<Object>load(text)).as("%s", file).isNotNull();
			}
			else if (name.endsWith(".json")) {
				assertThat(JSON.readTree(text)).as("%s", file).isNotNull();
			}
			else if (name.endsWith(".alloy")) {
				assertThat(AlloyConfig.parse(text)).as("%s", file).isNotEmpty();
			}
		}
		catch (RuntimeException ex) {
			throw new AssertionError(ROOT.relativize(file) + " does not parse: " + ex.getMessage(), ex);
		}
	}

	private static AlloyConfig.Block component(List<AlloyConfig.Block> components, String name) {
		return components.stream()
			.filter((component) -> component.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + name + " in alloy/config.alloy"));
	}

	private static List<String> references(Object value) {
		List<String> references = new ArrayList<>();
		if (value instanceof AlloyConfig.Reference reference) {
			references.add(reference.path());
		}
		else if (value instanceof List<?> list) {
			list.forEach((item) -> references.addAll(references(item)));
		}
		else if (value instanceof Map<?, ?> object) {
			object.values().forEach((item) -> references.addAll(references(item)));
		}
		return references;
	}

}
