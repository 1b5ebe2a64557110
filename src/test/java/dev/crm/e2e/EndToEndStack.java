package dev.crm.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import dev.crm.stack.StackCommands;
import dev.crm.stack.StackFiles;
import dev.crm.stack.StackProcess;
import dev.crm.stack.TargetList;
import dev.crm.support.Api;
import dev.crm.support.EmbeddedPostgresSupport;
import dev.crm.support.RedisServerProcess;
import dev.crm.support.SentryStandIn;
import dev.crm.support.TcpProxy;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import static org.awaitility.Awaitility.await;

/**
 * Everything the end-to-end suite runs, as real processes on loopback: {@link #INSTANCES}
 * instances of the jar ({@code target/crm-api.jar}, with the {@code faults} profile)
 * behind HAProxy, which checks {@code /ready} as the Deployment's readiness probe does;
 * PostgreSQL, redis-server, Prometheus, Alertmanager and the blackbox-, postgres-, redis-
 * and node-exporters, plus the stand-ins for what we do not own (the receivers, and
 * Sentry behind a proxy that can black-hole it). Ports are free ones; files and logs live
 * in {@code target/e2e}.
 */
final class EndToEndStack implements AutoCloseable {

	static final Path DIRECTORY = StackConfig.ROOT.resolve("target/e2e");

	/**
	 * As the Deployment's replicas: enough for one to die while another serves.
	 * Prometheus scrapes each; the blackbox probes and the load go through HAProxy, as
	 * users do.
	 */
	static final int INSTANCES = 2;

	final NotificationCapture capture = NotificationCapture.start();

	final SentryStandIn sentry = SentryStandIn.start();

	/** Between the app and the Sentry stand-in; black-holing it is the Sentry outage. */
	final TcpProxy sentryProxy = TcpProxy.start(port(this.sentry.dsn()));

	final RedisServerProcess redis = RedisServerProcess.startNew();

	final int postgresPort = freePort();

	final String routingKey = "e2e-routing-key-" + UUID.randomUUID();

	final String heartbeatToken = "e2e-heartbeat-token-" + UUID.randomUUID();

	StackConfig config;

	/** How alertmanager.yml's business hours were first written: excluding now. */
	String businessHours;

	PrometheusApi prometheus;

	AlertmanagerApi alertmanager;

	Instant prometheusStarted;

	final List<JarInstance> instances = new ArrayList<>();

	/** HAProxy's port: the service's address, for the load, the probes and the tests. */
	int apiPort;

	Api api;

	private final List<StackProcess> processes = new ArrayList<>();

	private StackProcess alertmanagerProcess;

	private EmbeddedPostgres postgres;

	private HaProxy haproxy;

	private boolean closed;

	EndToEndStack() {
		// A test JVM that is killed (a timeout, Ctrl-C) takes the stack with it.
		Runtime.getRuntime().addShutdownHook(new Thread(this::close));
		try {
			start();
		}
		catch (RuntimeException | Error ex) {
			close();
			throw ex;
		}
	}

	private void start() {
		recreate(DIRECTORY);
		this.postgres = EmbeddedPostgresSupport.persistent(DIRECTORY.resolve("postgres-data"), this.postgresPort);
		// The jars start slowest: launch them first and let the rest start meanwhile.
		Map<String, String> environment = appEnvironment();
		for (int i = 1; i <= INSTANCES; i++) {
			JarInstance instance = new JarInstance("crm-api-" + i, DIRECTORY, environment);
			this.instances.add(instance);
			instance.start();
		}
		this.haproxy = HaProxy.start(DIRECTORY, this.instances.stream().map((instance) -> instance.apiPort).toList());
		this.apiPort = this.haproxy.port;
		this.api = new Api(this.apiPort);
		// Every port of the native targets (prometheus/targets.yml) moves to a free one;
		// crm-api's is the first instance's (the others are added to its target file),
		// and the probes' target is HAProxy: from outside, like a real probe. A probe of
		// each instance would page EndpointProbeFailed for one dead instance, which
		// users, served by the others, do not notice.
		TargetList targets = TargetList.read();
		Map<Integer, Integer> ports = new HashMap<>();
		targets.nativePorts().forEach((port) -> ports.put(port, freePort()));
		ports.put(targets.nativePort("crm-api"), this.instances.getFirst().managementPort);
		ports.put(targets.nativePort("blackbox-http"), this.apiPort);
		this.config = new StackConfig(DIRECTORY, ports,
				Map.of("pagerduty_routing_key", this.routingKey, "slack_webhook_url", this.capture.url("/slack"),
						"heartbeat_token", this.heartbeatToken),
				Map.of("pager", this.capture.url("/pagerduty"), "heartbeat", this.capture.url("/heartbeat")));
		StackConfig.addCrmApiTargets(DIRECTORY,
				this.instances.stream().skip(1).map((instance) -> instance.managementPort).toList());
		this.businessHours = this.config.writeAlertmanager(false);
		Map<String, StackCommands.Command> commands = StackCommands.of(this.config.files, DIRECTORY,
				"postgresql://postgres:postgres@127.0.0.1:" + this.postgresPort + "/postgres?sslmode=disable",
				this.redis.url());
		this.prometheus = new PrometheusApi(commands.get("prometheus").port());
		this.alertmanager = new AlertmanagerApi(commands.get("alertmanager").port());
		for (StackCommands.Command command : commands.values()) {
			if (!command.name().equals("prometheus")) {
				StackProcess process = command.start(DIRECTORY);
				this.processes.add(process);
				if (command.name().equals("alertmanager")) {
					this.alertmanagerProcess = process;
				}
			}
		}
		// Prometheus last, once the jars answer: a jar slower to start than ServiceDown's
		// for: 1m must not page before the first scenario.
		awaitReady();
		this.prometheusStarted = Instant.now();
		this.processes.add(commands.get("prometheus").start(DIRECTORY));
	}

	/** Instances that are running now, those a fault must be set on. */
	List<JarInstance> runningInstances() {
		return this.instances.stream().filter(JarInstance::isRunning).toList();
	}

	/**
	 * Starts every instance that is not running again (after a crash); returns once each
	 * answers {@code /ready} and HAProxy serves.
	 */
	void restartStoppedInstances() {
		this.instances.stream().filter((instance) -> !instance.isRunning()).forEach(JarInstance::start);
		awaitReady();
	}

	/** Running instances ready, and HAProxy serving through them. */
	void awaitReady() {
		// 11 to 17 s on a quiet machine; one busy run took 102 s after the crash.
		runningInstances().forEach(JarInstance::awaitReady);
		await("HAProxy serving").atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(250))
			.ignoreExceptions()
			.until(() -> this.api.get("/ready").status() == 200);
	}

	/**
	 * SIGKILL to one instance; returns once HAProxy has taken it out of rotation (two
	 * failed checks), as a dead pod leaves its Service's endpoints. Until then HAProxy
	 * answers 503 for the requests it sends there.
	 */
	void killInstance(JarInstance instance) {
		instance.kill();
		await(instance.name + " out of HAProxy's rotation").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> this.haproxy.isOutOfRotation(instance.apiPort));
	}

	/** SIGKILL to every instance: the service is down. */
	void crashEveryInstance() {
		this.instances.forEach(JarInstance::kill);
	}

	private Map<String, String> appEnvironment() {
		Map<String, String> env = new HashMap<>();
		env.put("SPRING_PROFILES_ACTIVE", "faults");
		env.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:" + this.postgresPort + "/postgres");
		env.put("SPRING_DATASOURCE_USERNAME", "postgres");
		env.put("SPRING_DATASOURCE_PASSWORD", "postgres");
		env.put("SPRING_DATA_REDIS_URL", this.redis.url());
		env.put("SENTRY_DSN", "http://public@127.0.0.1:" + this.sentryProxy.port() + "/1");
		env.put("CRM_LIFECYCLE_SHUTDOWN_DELAY", "0s");
		// Authentication (issue 21): the test key pair verifies the tokens Api and the
		// load send; client buckets out of the way of the load scenarios. An address may
		// fail 25 times a second across the service (buckets are per instance, HAProxy
		// shares the requests out), so that SecurityDrill's 30 invalid tokens a second
		// are mostly 401 (the alert's signal) and partly 429 (the dashboard's).
		env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION",
				"file:" + StackConfig.ROOT.resolve("src/test/resources/security/test-public.pem").toAbsolutePath());
		env.put("CRM_SECURITY_RATE_LIMIT_CLIENT_CAPACITY", "1000000");
		env.put("CRM_SECURITY_RATE_LIMIT_CLIENT_PER_SECOND", "1000000");
		env.put("CRM_SECURITY_RATE_LIMIT_FAILED_AUTHENTICATION_CAPACITY", Integer.toString(50 / INSTANCES));
		env.put("CRM_SECURITY_RATE_LIMIT_FAILED_AUTHENTICATION_PER_SECOND", Integer.toString(25 / INSTANCES));
		return env;
	}

	void stopPostgres() {
		try {
			this.postgres.close();
			this.postgres = null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void startPostgres() {
		this.postgres = EmbeddedPostgresSupport.persistent(DIRECTORY.resolve("postgres-data"), this.postgresPort);
	}

	void reloadAlertmanager() {
		this.alertmanager.reload();
	}

	String alertmanagerLog() {
		return this.alertmanagerProcess.logText();
	}

	/** Stops everything, once; also the shutdown hook's work. */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		for (StackProcess process : this.processes.reversed()) {
			process.stop();
		}
		this.instances.forEach(JarInstance::close);
		if (this.haproxy != null) {
			this.haproxy.close();
		}
		this.redis.close();
		if (this.postgres != null) {
			stopPostgres();
		}
		this.sentryProxy.close();
		this.sentry.close();
		this.capture.close();
	}

	private static int port(String url) {
		return Integer.parseInt(url.replaceAll("^.*:(\\d+)/.*$", "$1"));
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void recreate(Path directory) {
		try {
			StackFiles.deleteTree(directory);
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
