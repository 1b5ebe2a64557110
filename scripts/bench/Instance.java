import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the application jar as a child process: the default one, the one with the
 * {@code no-instrumentation} profile, that one with the OpenTelemetry Java agent, or the
 * default one with the access log off. All get the same JVM flags, the same
 * configuration apart from the profile, the agent and their own settings, and a database
 * and Redis index of their own.
 */
final class Instance {

	/** What Prometheus 2.42 asks for: OpenMetrics first, so exemplars are rendered too. */
	static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
			+ "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

	private static final Pattern ALLOCATED = Pattern
		.compile("(?m)^jvm_gc_memory_allocated_bytes_total\\{[^}]*} ([0-9.eE+-]+)");

	private static final Pattern EDEN_USED = Pattern
		.compile("(?m)^jvm_memory_used_bytes\\{[^}]*id=\"[^\"]*Eden Space\"[^}]*} ([0-9.eE+-]+)");

	final String name;

	final int index;

	private final String profile;

	/** The OpenTelemetry Java agent's jar, or null. */
	private final Path agent;

	/** Environment variables of this instance only, on top of what every instance gets. */
	private final Map<String, String> settings;

	final int port = Services.freePort();

	final int managementPort = Services.freePort();

	/** The agent's Prometheus exporter, when it runs. */
	private final int agentMetricsPort = Services.freePort();

	/** One keep-alive HTTP/1.1 client for the probes and scrapes of this instance. */
	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private Process process;

	/**
	 * @param index the instance's column ({@code Results.DEFAULT}, {@code OFF},
	 * {@code AGENT} or {@code ACCESS_LOG_OFF})
	 * @param profile the Spring profile, or null for the default one
	 * @param agent the OpenTelemetry Java agent to attach, or null
	 * @param settings environment variables of this instance only
	 */
	Instance(String name, int index, String profile, Path agent, Map<String, String> settings) {
		this.name = name;
		this.index = index;
		this.profile = profile;
		this.agent = agent;
		this.settings = settings;
	}

	/**
	 * The agent as a user would set it up for the same job as ours: the same sampling
	 * (10% of new traces, a caller's decision honoured), spans made but, like ours in
	 * the benchmark, exported nowhere, metrics on its own Prometheus endpoint, logs left
	 * as the application writes them.
	 */
	static Map<String, String> agentEnvironment(int metricsPort) {
		return Map.of("OTEL_SERVICE_NAME", "crm-api", "OTEL_TRACES_SAMPLER", "parentbased_traceidratio",
				"OTEL_TRACES_SAMPLER_ARG", "0.1", "OTEL_TRACES_EXPORTER", "none", "OTEL_METRICS_EXPORTER",
				"prometheus", "OTEL_EXPORTER_PROMETHEUS_HOST", "127.0.0.1", "OTEL_EXPORTER_PROMETHEUS_PORT",
				Integer.toString(metricsPort), "OTEL_LOGS_EXPORTER", "none");
	}

	/** How the report describes the agent's configuration. */
	static String describeAgent(Path agent) {
		return "`-javaagent:" + agent.getFileName() + "` configured by environment: "
				+ new java.util.TreeMap<>(agentEnvironment(0)).entrySet()
					.stream()
					.map((entry) -> "`" + entry.getKey() + "="
							+ (entry.getKey().endsWith("_PORT") ? "<free port>" : entry.getValue()) + "`")
					.collect(java.util.stream.Collectors.joining(", "));
	}

	/** The API's base URL, which the load targets. */
	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * Starts the jar and waits until {@code /ready} answers 200.
	 * @return the time from process start to the first 200 from {@code /ready}
	 */
	Duration start(Path jar, List<String> jvmFlags, Services services, Path logDirectory)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmFlags);
		if (this.agent != null) {
			command.add("-javaagent:" + this.agent.toAbsolutePath());
		}
		command.addAll(List.of("-jar", jar.toString()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect
				.appendTo(logDirectory.resolve(this.name + ".log").toFile()));
		Map<String, String> env = builder.environment();
		env.put("SPRING_DATASOURCE_URL", services.jdbcUrl(this.index));
		env.put("SPRING_DATASOURCE_USERNAME", "postgres");
		env.put("SPRING_DATASOURCE_PASSWORD", "postgres");
		env.put("SPRING_DATA_REDIS_URL", "redis://127.0.0.1:" + services.redisPort + "/" + this.index);
		env.put("SPRING_DATA_REDIS_DATABASE", Integer.toString(this.index));
		env.put("SERVER_PORT", Integer.toString(this.port));
		env.put("MANAGEMENT_SERVER_PORT", Integer.toString(this.managementPort));
		env.put("CRM_ENVIRONMENT", "bench");
		// Authentication is on, as in production: the test key pair verifies the tokens the
		// load sends (TestTokens.VALID); the buckets are out of the way of a saturation run.
		env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION",
				"file:" + Path.of("src/test/resources/security/test-public.pem").toAbsolutePath());
		env.put("CRM_SECURITY_RATE_LIMIT_CLIENT_CAPACITY", "1000000");
		env.put("CRM_SECURITY_RATE_LIMIT_CLIENT_PER_SECOND", "1000000");
		// Nothing to drain between rounds: stop at once.
		env.put("CRM_LIFECYCLE_SHUTDOWN_DELAY", "0s");
		env.remove("SPRING_PROFILES_ACTIVE");
		env.remove("SENTRY_DSN");
		env.remove("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT");
		// Only the access-log-off instance may turn the access line off, whatever the
		// caller's shell exports: the other instances' figures include it.
		env.remove("CRM_LOGGING_ACCESS_LOG_ENABLED");
		if (this.profile != null) {
			env.put("SPRING_PROFILES_ACTIVE", this.profile);
		}
		env.keySet().removeIf((key) -> key.startsWith("OTEL_"));
		if (this.agent != null) {
			env.putAll(agentEnvironment(this.agentMetricsPort));
		}
		env.putAll(this.settings);
		long begin = System.nanoTime();
		this.process = builder.start();
		long deadline = begin + TimeUnit.SECONDS.toNanos(180);
		HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/ready")).timeout(Duration.ofSeconds(5)).build();
		while (true) {
			try {
				if (this.client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return Duration.ofNanos(System.nanoTime() - begin);
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			if (!this.process.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"Instance " + this.name + " never became ready; see " + logDirectory.resolve(this.name + ".log"));
			}
			Thread.sleep(20);
		}
	}

	/** User plus system CPU time of the whole JVM so far, from {@code /proc/PID/stat}. */
	long cpuNanos() {
		return this.process.toHandle()
			.info()
			.totalCpuDuration()
			.orElseThrow(() -> new IllegalStateException("No CPU time for " + this.name))
			.toNanos();
	}

	/**
	 * Bytes the JVM has allocated so far. Micrometer's
	 * {@code jvm_gc_memory_allocated_bytes_total} grows at each young collection by what
	 * eden held; eden's current use adds what was allocated since the last one, so the
	 * figure is exact to a region instead of to a whole eden.
	 * <p>
	 * A collection empties eden at once, but the counter grows only when Micrometer
	 * handles the collection's notification, a moment later; a scrape in between (or one
	 * that a collection splits) reads a whole eden short, and once made a smoke run's
	 * figure negative. So this waits for two scrapes in a row that no collection
	 * separates: the same counter, and eden no emptier.
	 */
	double allocatedBytes() throws IOException, InterruptedException {
		double[] previous = counterAndEden();
		for (int attempt = 0; attempt < 20; attempt++) {
			Thread.sleep(50);
			double[] current = counterAndEden();
			if (current[0] == previous[0] && current[1] >= previous[1]) {
				return current[0] + current[1];
			}
			previous = current;
		}
		throw new IllegalStateException(this.name + ": young collections never paused for two scrapes in a row");
	}

	private double[] counterAndEden() throws IOException, InterruptedException {
		String text = scrape(false).text();
		return new double[] { number(ALLOCATED, text), number(EDEN_USED, text) };
	}

	private double number(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		if (!matcher.find()) {
			throw new IllegalStateException(this.name + " does not expose " + pattern.pattern());
		}
		return Double.parseDouble(matcher.group(1));
	}

	/** A scrape of {@code :MANAGEMENT_PORT/actuator/prometheus}. */
	record Scrape(String text, long nanos, int bytes) {

		/** The number of samples (series) in the scrape: every line that is not a comment. */
		int series() {
			int count = 0;
			for (String line : this.text.split("\n")) {
				if (!line.isEmpty() && !line.startsWith("#")) {
					count++;
				}
			}
			return count;
		}

	}

	/**
	 * @param asPrometheus ask as Prometheus does (OpenMetrics, with exemplars), else the
	 * plain text format
	 */
	Scrape scrape(boolean asPrometheus) throws IOException, InterruptedException {
		return scrape(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/prometheus"), asPrometheus);
	}

	/**
	 * A scrape of the endpoint Prometheus would scrape for this instance's request
	 * metrics: the agent's exporter when the agent runs, else {@code /actuator/prometheus}.
	 */
	Scrape scrapeMetrics() throws IOException, InterruptedException {
		return (this.agent != null) ? scrape(URI.create("http://127.0.0.1:" + this.agentMetricsPort + "/metrics"), true)
				: scrape(true);
	}

	private Scrape scrape(URI uri, boolean asPrometheus) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
		if (asPrometheus) {
			request.header("Accept", PROMETHEUS_ACCEPT);
		}
		long begin = System.nanoTime();
		HttpResponse<byte[]> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		long nanos = System.nanoTime() - begin;
		if (response.statusCode() != 200) {
			throw new IOException("Scrape of " + this.name + " answered " + response.statusCode());
		}
		byte[] body = response.body();
		return new Scrape(new String(body, StandardCharsets.UTF_8), nanos, body.length);
	}

	long pid() {
		return this.process.pid();
	}

	/** Stops the JVM with SIGTERM (so a flight recording is written) and waits. */
	void stop() throws InterruptedException {
		if (this.process == null || !this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

}
