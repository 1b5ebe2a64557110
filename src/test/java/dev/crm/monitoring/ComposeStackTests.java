package dev.crm.monitoring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static dev.crm.monitoring.MonitoringStack.ROOT;
import static dev.crm.monitoring.MonitoringStack.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.monitoring.yml and the Dockerfile. There is no Docker engine here, so
 * this validates what can be validated without one: the file parses, every file it mounts
 * or reads exists, images are pinned, and the services the issue lists are there.
 */
class ComposeStackTests {

	private static final Path COMPOSE = ROOT.resolve("docker-compose.monitoring.yml");

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
				"blackbox-exporter", "postgres-exporter", "redis-exporter", "node-exporter");
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
				"grafana-data");
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

}
