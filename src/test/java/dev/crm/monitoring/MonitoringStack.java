package dev.crm.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's monitoring files and the command-line tools that check them. A missing
 * tool fails the test with the package to install; nothing is skipped.
 */
final class MonitoringStack {

	static final Path ROOT = findRoot();

	static final Path PROMETHEUS = ROOT.resolve("prometheus");

	static final Path ALERTMANAGER = ROOT.resolve("alertmanager");

	static final Path GRAFANA = ROOT.resolve("grafana");

	static final Path RUNBOOKS = ROOT.resolve("runbooks");

	/**
	 * The alerts the issue names; a later end-to-end test and the runbooks depend on
	 * them.
	 */
	static final List<String> ALERT_NAMES = List.of("ErrorBudgetBurnFast", "ErrorBudgetBurnSlow",
			"LatencyBudgetBurnFast", "LatencyBudgetBurnSlow", "HighErrorRate", "SlowAPI", "ServiceDown",
			"DatabaseConnectionsHigh", "PostgresDown", "RedisDown", "JvmHeapPressure", "JvmGcPauseHigh",
			"EndpointProbeFailed", "SentryEventsDropped", "Watchdog",
			// Security (issue 21): tickets.
			"AuthenticationFailureSpike", "RateLimitRejectionsSustained", "AuthorizationDenialSpike",
			// Several instances (issue 22): one down while others serve is a ticket.
			"InstanceDown",
			// Issue 23: exhaustion predicted, traffic anomalies, scheduled jobs, the
			// series and log budgets.
			"DiskSpaceExhaustionPredicted", "DatabasePoolExhaustionPredicted", "JvmHeapExhaustionPredicted",
			"TrafficDropAnomaly", "TrafficSurgeAnomaly", "ScheduledJobMissed", "ScheduledJobFailing",
			"MetricSeriesOverBudget", "LogVolumeOverBudget");

	private MonitoringStack() {
	}

	private static Path findRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("pom.xml"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException(
					"Run the tests from the repository (no pom.xml above the working directory)");
		}
		return dir;
	}

	static List<Path> files(Path dir, String suffix) {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every regular file under a directory, at any depth, sorted. */
	static List<Path> filesUnder(Path dir) {
		try (Stream<Path> files = Files.walk(dir)) {
			return files.filter(Files::isRegularFile).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> yaml(Path file) {
		Object loaded = new Yaml(new LoaderOptions()).load(read(file));
		assertThat(loaded).as("YAML document %s", ROOT.relativize(file)).isInstanceOf(Map.class);
		return (Map<String, Object>) loaded;
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> list(Object value) {
		return (value != null) ? (List<Map<String, Object>>) value : List.of();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (value != null) ? (Map<String, Object>) value : Map.of();
	}

	/** Every rule of every file in prometheus/rules, in file order. */
	static List<Map<String, Object>> rules() {
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Path file : files(PROMETHEUS.resolve("rules"), ".yml")) {
			for (Map<String, Object> group : list(yaml(file).get("groups"))) {
				rules.addAll(list(group.get("rules")));
			}
		}
		return rules;
	}

	/** Alerting rules by name. */
	static Map<String, Map<String, Object>> alerts() {
		Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();
		rules().stream().filter((rule) -> rule.containsKey("alert")).forEach((rule) -> {
			Object previous = alerts.put((String) rule.get("alert"), rule);
			assertThat(previous).as("alert %s is defined twice", rule.get("alert")).isNull();
		});
		return alerts;
	}

	static List<String> recordingRuleNames() {
		return rules().stream()
			.filter((rule) -> rule.containsKey("record"))
			.map((rule) -> (String) rule.get("record"))
			.toList();
	}

	/**
	 * Runs a tool to completion in {@code dir} and returns its exit code and output.
	 */
	static Result run(Path dir, String... command) {
		String tool = command[0];
		assertThat(onPath(tool))
			.as("%s is not installed. Install the Debian package %s (scripts/test.sh does this).", tool,
					packageOf(tool))
			.isTrue();
		try {
			Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
			process.getOutputStream().close();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(Duration.ofMinutes(5).toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("Timed out: " + String.join(" ", command));
			}
			return new Result(String.join(" ", command), process.exitValue(),
					new String(output, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean onPath(String tool) {
		return Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, tool)));
	}

	private static String packageOf(String tool) {
		return switch (tool) {
			case "promtool" -> "prometheus";
			case "amtool" -> "prometheus-alertmanager";
			default -> tool;
		};
	}

	record Result(String command, int exitCode, String output) {

		/** Asserts success and shows the tool's own output when it failed. */
		Result assertSuccess() {
			assertThat(this.exitCode).as("`%s` failed with exit code %d:%n%s", this.command, this.exitCode, this.output)
				.isZero();
			return this;
		}

	}

}
