package dev.crm.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders a kustomization with the installed {@code kubectl kustomize}, offline, as a
 * user's {@code kubectl apply -k} would, and reads the objects it prints.
 */
final class Kustomize {

	static final Path BASE = Repository.KUBERNETES.resolve("base");

	static final Path PRODUCTION = Repository.KUBERNETES.resolve("overlays/production");

	/** Every kustomization a user may apply. */
	static final List<Path> KUSTOMIZATIONS = List.of(BASE, PRODUCTION);

	private Kustomize() {
	}

	/** The objects the kustomization renders, in kubectl's order. */
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> render(Path kustomization) {
		List<Map<String, Object>> objects = new ArrayList<>();
		for (Object document : new Yaml(new LoaderOptions()).loadAll(renderText(kustomization))) {
			if (document != null) {
				objects.add((Map<String, Object>) document);
			}
		}
		return objects;
	}

	static String renderText(Path kustomization) {
		assertThat(onPath("kubectl"))
			.as("kubectl is not installed. Install the Debian package kubernetes-client (scripts/test.sh does this).")
			.isTrue();
		try {
			Path errors = Files.createTempFile("kustomize", ".err");
			try {
				Process process = new ProcessBuilder("kubectl", "kustomize", kustomization.toString())
					.redirectError(errors.toFile())
					.start();
				process.getOutputStream().close();
				String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("kubectl kustomize finished").isTrue();
				assertThat(process.exitValue())
					.as("`kubectl kustomize %s` failed:%n%s", Repository.relative(kustomization),
							Files.readString(errors))
					.isZero();
				return output;
			}
			finally {
				Files.delete(errors);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The one object of a kind the objects hold. */
	static Map<String, Object> only(List<Map<String, Object>> objects, String kind) {
		List<Map<String, Object>> ofKind = ofKind(objects, kind);
		assertThat(ofKind).as("rendered objects of kind %s", kind).hasSize(1);
		return ofKind.get(0);
	}

	static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
		return objects.stream().filter((object) -> kind.equals(object.get("kind"))).toList();
	}

	private static boolean onPath(String tool) {
		return Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, tool)));
	}

}
