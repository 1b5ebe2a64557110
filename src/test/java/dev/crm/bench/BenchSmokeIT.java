package dev.crm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scripts/bench.sh --smoke} against the jar that {@code package} built, with real
 * PostgreSQL and Redis, wrk and Gatling: every figure of every workload and of the
 * service is produced for the four instances (default, no-instrumentation, the
 * OpenTelemetry Java agent and default with the access log off), with ours' and the
 * agent's ratio to off and the access line's cost (default − access-log-off) per round,
 * and the table, the chart and Gatling's HTML report of each fixed-rate round are
 * written. The values themselves are not judged: a smoke run lasts a few seconds per
 * workload.
 */
class BenchSmokeIT {

	private static final Path OUT = Path.of("target", "bench-smoke");

	private static final Map<String, String> WORKLOADS = Map.of("get", "GET one campaign", "stats",
			"cached stats (Redis)", "post", "POST a lead with Idempotency-Key", "mix",
			"mix of reads and 15% lead creations");

	private static final List<String> WORKLOAD_FIGURES = List.of("cpu_per_request_us", "allocation_per_request_kb",
			"throughput_rps", "p50_ms", "p99_ms");

	private static final List<String> SERVICE_FIGURES = List.of("startup_to_ready_s", "scrape_p50_ms", "scrape_p99_ms",
			"scrape_series", "scrape_kb");

	private static final List<String> INSTANCES = List.of("default", "no-instrumentation", "opentelemetry-agent",
			"access-log-off");

	private static final List<String> COLUMNS = List.of("default", "no-instrumentation", "opentelemetry-agent",
			"access-log-off", "ratio", "agent_ratio");

	/**
	 * The table's access-line row: the difference in the default column, then the target.
	 */
	private static final Pattern ACCESS_LINE_ROW = Pattern
		.compile("\\| +\\| access line \\(CPU per request, default − access-log-off\\) \\| \\*\\*-?[\\d,.]+ µs\\*\\*"
				+ "( \\(.+\\))?( \\|){6} ≤ 5 µs \\((met|missed)\\) \\|");

	/** Gatling's percentiles at the fixed rate, in whole milliseconds. */
	private static final List<String> LATENCY_FIGURES = List.of("p50_ms", "p99_ms");

	@Test
	void smokeRunProducesEveryFigureForEveryInstanceWithTableAndChart() throws Exception {
		JsonNode results = runSmoke();

		JsonNode workloads = results.get("workloads");
		assertThat(workloads.propertyNames()).containsExactlyInAnyOrderElementsOf(WORKLOADS.keySet());
		for (String workload : WORKLOADS.keySet()) {
			JsonNode figures = workloads.get(workload).get("figures");
			assertThat(figures.propertyNames()).as(workload).containsExactlyInAnyOrderElementsOf(WORKLOAD_FIGURES);
			for (String figure : WORKLOAD_FIGURES) {
				assertProduced(workload + " " + figure, figures.get(figure));
			}
			assertThat(workloads.get(workload).get("fixed_rate_per_s").asDouble()).as(workload + " rate").isPositive();
			// A difference of two noisy figures: one per round, of either sign.
			JsonNode accessLine = workloads.get(workload).get("access_line_cpu_per_request_us");
			assertThat(accessLine).as(workload + " access line").isNotNull();
			assertThat(accessLine.values()).as(workload + " access line")
				.hasSize(figures.get("cpu_per_request_us").get("default").size())
				.allSatisfy((value) -> assertThat(value.isNumber()).isTrue());
			// Unique emails and Idempotency-Keys: the harness must not be measuring 409s.
			assertThat(workloads.get(workload).get("unexpected_statuses").values())
				.as(workload + " unexpected statuses")
				.allSatisfy((count) -> assertThat(count.asLong()).isZero());
		}
		JsonNode service = results.get("service");
		assertThat(service.propertyNames()).containsExactlyInAnyOrderElementsOf(SERVICE_FIGURES);
		for (String figure : SERVICE_FIGURES) {
			assertProduced(figure, service.get(figure));
		}

		String table = Files.readString(OUT.resolve("results.md"));
		assertThat(table).contains(WORKLOADS.values())
			.contains("CPU per request", "allocation per request", "throughput at saturation", "p50 at the fixed rate",
					"p99 at the fixed rate", "startup to ready", "scrape p99", "series in a scrape")
			.contains("Command: `scripts/bench.sh --smoke --no-build`", "commit `", "cores; JDK ")
			.contains("| opentelemetry-agent |", "| agent/off |", "OTEL_TRACES_SAMPLER_ARG=0.1")
			.contains("| access-log-off |", "CRM_LOGGING_ACCESS_LOG_ENABLED=false")
			.doesNotContain("NaN", "Infinity");
		assertThat(table.lines().filter(ACCESS_LINE_ROW.asMatchPredicate())).as("an access-line row per workload")
			.hasSize(WORKLOADS.size());
		for (String workload : WORKLOADS.keySet()) {
			for (String instance : INSTANCES) {
				Path round = OUT.resolve("gatling").resolve(workload + "-" + instance + "-1");
				assertThat(gatlingReports(round)).as("Gatling's HTML report of " + round).hasSize(1);
			}
		}
		String chart = Files.readString(OUT.resolve("chart.svg"));
		assertThat(chart).startsWith("<svg")
			.contains("CPU per request (on/off)", "allocation per request (on/off)",
					"throughput at saturation (on/off)", "p50 at the fixed rate (on/off)",
					"p99 at the fixed rate (on/off)", "/actuator/prometheus scrape p99",
					"access line (default − access-log-off, µs)")
			.doesNotContain("NaN", "Infinity");
	}

	/**
	 * One value per round for each instance and for each ratio, each a positive number;
	 * but Gatling's latencies are whole milliseconds, so a fixed-rate percentile may be 0
	 * (under one), and a round where either instance's is 0 has no ratio.
	 */
	private static void assertProduced(String name, JsonNode figure) {
		assertThat(figure).as(name).isNotNull();
		boolean latency = LATENCY_FIGURES.stream().anyMatch(name::endsWith);
		for (String column : COLUMNS) {
			JsonNode values = figure.get(column);
			assertThat(values).as(name + " " + column).isNotNull();
			assertThat(values.isArray()).as(name + " " + column + " is a list").isTrue();
			boolean ratio = column.endsWith("ratio");
			if (!(latency && ratio)) {
				assertThat(values.size()).as(name + " " + column + " rounds").isPositive();
			}
			assertThat(values.values()).as(name + " " + column)
				.allSatisfy((value) -> assertThat(
						value.isNumber() && (value.asDouble() > 0 || latency && !ratio && value.asDouble() == 0))
					.isTrue());
		}
	}

	private static JsonNode runSmoke() throws IOException, InterruptedException {
		Path jar = Path.of("target", "crm-api.jar");
		assertThat(jar).as("the executable jar; run ./mvnw verify, which packages before this test").exists();
		deleteTree(OUT);
		Files.createDirectories(OUT);
		Path log = Path.of("target", "bench-smoke.log");
		ProcessBuilder builder = new ProcessBuilder("bash", "scripts/bench.sh", "--smoke", "--no-build")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("BENCH_JAR", jar.toString());
		builder.environment().put("BENCH_OUT", OUT.toString());
		Process bench = builder.start();
		// A bound against a hung run, not a timing assertion: the smoke starts a Gatling
		// JVM per fixed-rate round (sixteen) besides the four instances; it took about
		// four minutes at a load average of 5.
		boolean finished = bench.waitFor(15, TimeUnit.MINUTES);
		if (!finished) {
			bench.descendants().forEach(ProcessHandle::destroy);
			bench.destroy();
		}
		assertThat(finished).as("bench finished; see " + log).isTrue();
		assertThat(bench.exitValue()).as("bench exit status; see " + log + ":\n" + tail(log)).isZero();
		return JsonMapper.builder().build().readTree(OUT.resolve("results.json").toFile());
	}

	/** A previous run's Gatling reports must not pass for this run's. */
	private static void deleteTree(Path directory) throws IOException {
		if (Files.exists(directory)) {
			try (Stream<Path> paths = Files.walk(directory)) {
				paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
	}

	/** The index.html of each run Gatling wrote under a round's directory. */
	private static List<Path> gatlingReports(Path round) throws IOException {
		if (!Files.isDirectory(round)) {
			return List.of();
		}
		try (Stream<Path> runs = Files.list(round)) {
			return runs.map((run) -> run.resolve("index.html")).filter(Files::isRegularFile).toList();
		}
	}

	private static String tail(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
	}

}
