package dev.crm.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.crm.support.PostgresServer;
import dev.crm.support.TcpProxy;
import dev.crm.support.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.crm.deploy.Workload.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real jar ({@code target/crm-api.jar}) started with the production Deployment's
 * environment, asked each probe on the path and port the manifest names and within the
 * manifest's {@code timeoutSeconds}, as the kubelet would: while starting, while ready,
 * while PostgreSQL is black-holed, and after SIGTERM, until it exits within the
 * manifest's {@code terminationGracePeriodSeconds}.
 * <p>
 * What a pod has and this machine has not is stood in for: the pod's own network
 * namespace (the API and management ports move to free ones here), the ConfigMap and
 * Secret the references point at (this run's PostgreSQL, reached through a proxy that can
 * black-hole it), the mounted files (written under a temporary directory), and the memory
 * limit (given to the JVM as {@code -XX:MaxRAM}, which is what it reads from the cgroup).
 */
class KubernetesProbesIT {

	private static final Path JAR = Path.of("target", "crm-api.jar");

	private static final List<String> PROBES = List.of("startupProbe", "livenessProbe", "readinessProbe");

	private final TcpProxy database = TcpProxy.start(TestServices.postgres().address());

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final Workload workload = Workload.render(Kustomize.PRODUCTION);

	private final Map<String, Integer> ports = new LinkedHashMap<>();

	private final List<String> timeline = new ArrayList<>();

	private Process app;

	private long started;

	@AfterEach
	void cleanUp() {
		this.database.restore();
		if (this.app != null && this.app.isAlive()) {
			this.app.destroyForcibly();
		}
		this.database.close();
		this.timeline.forEach((line) -> System.out.println("[probes] " + line));
	}

	@Test
	void everyProbeAnswersAsTheManifestExpectsThroughStartOutageAndShutdown(@TempDir Path mounts) throws Exception {
		this.ports.put("api", freePort());
		this.ports.put("management", freePort());
		this.app = start(mounts);

		// Starting: the startup probe gates the others; until it passes nothing may be
		// ready.
		Duration startupBudget = Duration
			.ofSeconds(number("startupProbe", "periodSeconds") * number("startupProbe", "failureThreshold"));
		await().atMost(startupBudget).pollInterval(Duration.ofMillis(200)).until(() -> {
			assertThat(this.app.isAlive()).as("the jar is running").isTrue();
			int readiness = ask("readinessProbe");
			if (ask("startupProbe") == 200) {
				return true;
			}
			assertThat(readiness).as("readinessProbe before the startup probe passes").isNotEqualTo(200);
			return false;
		});
		note("startupProbe passes");
		await().atMost(startupBudget).pollInterval(Duration.ofMillis(200)).until(() -> ask("readinessProbe") == 200);
		note("readinessProbe passes");

		// Ready: every probe 200 within its timeout.
		for (String probe : PROBES) {
			assertThat(ask(probe)).as("%s while ready", probe).isEqualTo(200);
		}
		assertNonHeapFitsBesideTheHeap();

		// PostgreSQL black-holed: out of the load balancer, but never restarted.
		this.database.blackHole();
		note("PostgreSQL black-holed");
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			assertThat(ask("livenessProbe")).as("livenessProbe during the outage").isEqualTo(200);
			return ask("readinessProbe") == 503;
		});
		note("readinessProbe 503, livenessProbe 200");
		for (int i = 0; i < 5; i++) {
			assertThat(ask("livenessProbe")).as("livenessProbe during the outage").isEqualTo(200);
			assertThat(ask("readinessProbe")).as("readinessProbe during the outage").isEqualTo(503);
		}
		this.database.restore();
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> ask("readinessProbe") == 200);
		note("PostgreSQL back, readinessProbe 200");

		// SIGTERM: not ready at once, alive while it drains, gone within the grace
		// period.
		long grace = number(null, "terminationGracePeriodSeconds");
		long sigterm = System.nanoTime();
		this.app.destroy();
		note("SIGTERM");
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> ask("readinessProbe") == 503);
		note("readinessProbe 503");
		assertThat(ask("livenessProbe")).as("livenessProbe during the shutdown delay").isEqualTo(200);
		assertThat(this.app.waitFor(grace, TimeUnit.SECONDS))
			.as("the jar exits within terminationGracePeriodSeconds (%d s)", grace)
			.isTrue();
		note("exited with status " + this.app.exitValue() + " after "
				+ Duration.ofNanos(System.nanoTime() - sigterm).toMillis() + " ms of the " + grace + " s grace period");
		assertThat(this.app.exitValue()).as("exit status after a handled SIGTERM").isEqualTo(143);
	}

	/**
	 * Asks one probe as the kubelet does: its path, on the port it names, with its
	 * timeout. A refused connection is a failed probe (0); no answer within the timeout
	 * fails the test.
	 */
	private int ask(String probe) throws Exception {
		String path = (String) at(container(), probe + ".httpGet.path");
		int port = this.ports.get((String) at(container(), probe + ".httpGet.port"));
		Duration timeout = Duration.ofSeconds(number(probe, "timeoutSeconds"));
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(timeout)
			.build();
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (HttpConnectTimeoutException ex) {
			throw new AssertionError(probe + " " + path + " did not connect within " + timeout, ex);
		}
		catch (HttpTimeoutException ex) {
			throw new AssertionError(probe + " " + path + " did not answer within its timeoutSeconds " + timeout, ex);
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private Process start(Path mounts) throws Exception {
		assertThat(JAR).as("the executable jar; run ./mvnw verify, which packages before this test").exists();
		Path log = Files.createDirectories(Path.of("target", "kubernetes-probes-it")).resolve("app.log");
		String java = ProcessHandle.current().info().command().orElse("java");
		long memoryLimit = ManifestPolicy.quantityBytes((String) at(container(), "resources.limits.memory"));
		ProcessBuilder builder = new ProcessBuilder(java, "-XX:MaxRAM=" + memoryLimit, "-jar", JAR.toString())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		Map<String, String> env = builder.environment();
		env.clear();
		env.put("PATH", System.getenv("PATH"));
		env.putAll(deploymentEnvironment(mounts));
		env.put("SERVER_PORT", Integer.toString(this.ports.get("api")));
		env.put("MANAGEMENT_SERVER_PORT", Integer.toString(this.ports.get("management")));
		this.started = System.nanoTime();
		return builder.start();
	}

	/**
	 * The container's environment with its references resolved: ConfigMap keys from the
	 * rendered ConfigMap (the database URL replaced by this run's), Secret keys from this
	 * run's PostgreSQL, optional keys absent; file paths moved under the mounts
	 * directory.
	 */
	private Map<String, String> deploymentEnvironment(Path mounts) throws Exception {
		Map<String, String> secrets = Map.of("datasource-username", PostgresServer.USERNAME, "datasource-password",
				PostgresServer.PASSWORD);
		Map<String, String> configMap = Workload.strings(Workload.map(this.workload.ofKind("ConfigMap")
			.stream()
			.filter((each) -> ((String) at(each, "metadata.name")).startsWith("crm-api-config"))
			.findFirst()
			.orElseThrow(), "data"));
		Map<String, String> env = new LinkedHashMap<>();
		this.workload.env().forEach((name, value) -> {
			if (value instanceof String literal) {
				env.put(name, literal.startsWith("file:/") ? "file:" + mounts + literal.substring(5) : literal);
			}
			else {
				String key = (String) at((Map<String, Object>) value, "configMapKeyRef.key");
				String resolved = (key != null) ? configMap.get(key)
						: secrets.get((String) at((Map<String, Object>) value, "secretKeyRef.key"));
				if ("datasource-url".equals(key)) {
					resolved = "jdbc:postgresql://127.0.0.1:" + this.database.port() + "/" + PostgresServer.DATABASE;
				}
				if (resolved != null) {
					env.put(name, resolved);
				}
			}
		});
		assertThat(env).containsEntry("CRM_ENVIRONMENT", "production").containsKey("JAVA_TOOL_OPTIONS");
		writePublicKey(mounts.resolve("etc/crm-api/jwt/public-key.pem"));
		return env;
	}

	/** The token issuer's public key, which the Deployment mounts from a ConfigMap. */
	private static void writePublicKey(Path file) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		String pem = "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes())
					.encodeToString(generator.generateKeyPair().getPublic().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
		Files.createDirectories(file.getParent());
		Files.writeString(file, pem);
	}

	/**
	 * The memory limit minus the heap the flags allow must hold what the JVM committed
	 * beside the heap once ready (metaspace, code cache, GC structures).
	 */
	private void assertNonHeapFitsBesideTheHeap() throws Exception {
		String scrape = this.client
			.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.ports.get("management") + "/actuator/prometheus"))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
		long limit = ManifestPolicy.quantityBytes((String) at(container(), "resources.limits.memory"));
		long maxHeap = sum(scrape, "jvm_memory_max_bytes", "heap");
		long nonHeap = sum(scrape, "jvm_memory_committed_bytes", "nonheap");
		note("heap at most " + (maxHeap >> 20) + " MiB, non-heap committed " + (nonHeap >> 20) + " MiB, limit "
				+ (limit >> 20) + " MiB");
		assertThat(maxHeap + nonHeap).as("maximum heap + committed non-heap within resources.limits.memory")
			.isLessThan(limit);
	}

	private static long sum(String scrape, String metric, String area) {
		Matcher matcher = Pattern.compile("(?m)^" + metric + "\\{[^}]*area=\"" + area + "\"[^}]*} ([0-9.E+-]+)$")
			.matcher(scrape);
		double total = 0;
		while (matcher.find()) {
			double value = Double.parseDouble(matcher.group(1));
			total += Math.max(value, 0);
		}
		return (long) total;
	}

	private Map<String, Object> container() {
		return this.workload.container();
	}

	/** A number of a probe, or of the pod spec when probe is null. */
	private long number(String probe, String field) {
		Object value = (probe != null) ? at(container(), probe + "." + field) : at(this.workload.podSpec(), field);
		assertThat(value).as("%s %s in the manifest", (probe != null) ? probe : "pod spec", field).isNotNull();
		return ((Number) value).longValue();
	}

	private void note(String event) {
		this.timeline.add(Duration.ofNanos(System.nanoTime() - this.started).toMillis() + " ms: " + event);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
