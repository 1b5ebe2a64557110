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
 * Everything the end-to-end suite runs, as real processes on loopback: the jar
 * ({@code target/crm-api.jar}, with the {@code faults} profile), PostgreSQL,
 * redis-server, Prometheus, Alertmanager and the blackbox-, postgres-, redis- and
 * node-exporters, plus the stand-ins for what we do not own (the receivers, and Sentry
 * behind a proxy that can black-hole it). Ports are free ones; files and logs live in
 * {@code target/e2e}.
 */
final class EndToEndStack implements AutoCloseable {

	static final Path DIRECTORY = StackConfig.ROOT.resolve("target/e2e");

	private static final Path JAR = StackConfig.ROOT.resolve("target/crm-api.jar");

	final NotificationCapture capture = NotificationCapture.start();

	final SentryStandIn sentry = SentryStandIn.start();

	/** Between the app and the Sentry stand-in; black-holing it is the Sentry outage. */
	final TcpProxy sentryProxy = TcpProxy.start(port(this.sentry.dsn()));

	final RedisServerProcess redis = RedisServerProcess.startNew();

	final int apiPort = freePort();

	final int managementPort = freePort();

	final int postgresPort = freePort();

	final String routingKey = "e2e-routing-key-" + UUID.randomUUID();

	final String heartbeatToken = "e2e-heartbeat-token-" + UUID.randomUUID();

	StackConfig config;

	/** How alertmanager.yml's business hours were first written: excluding now. */
	String businessHours;

	PrometheusApi prometheus;

	AlertmanagerApi alertmanager;

	Instant prometheusStarted;

	final Api api = new Api(this.apiPort);

	final Api management = new Api(this.managementPort);

	private final List<StackProcess> processes = new ArrayList<>();

	private StackProcess alertmanagerProcess;

	private EmbeddedPostgres postgres;

	private StackProcess app;

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
		// The jar starts slowest: launch it first and let the rest start meanwhile.
		launchApp();
		// Every port of the native targets (prometheus/targets.yml) moves to a free one;
		// the app's two are those it was started with.
		TargetList targets = TargetList.read();
		Map<Integer, Integer> ports = new HashMap<>();
		targets.nativePorts().forEach((port) -> ports.put(port, freePort()));
		ports.put(targets.nativePort("crm-api"), this.managementPort);
		ports.put(targets.nativePort("blackbox-http"), this.apiPort);
		this.config = new StackConfig(DIRECTORY, ports,
				Map.of("pagerduty_routing_key", this.routingKey, "slack_webhook_url", this.capture.url("/slack"),
						"heartbeat_token", this.heartbeatToken),
				Map.of("pager", this.capture.url("/pagerduty"), "heartbeat", this.capture.url("/heartbeat")));
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
		// Prometheus last, once the jar answers: a jar slower to start than ServiceDown's
		// for: 1m must not page before the first scenario.
		awaitReady();
		this.prometheusStarted = Instant.now();
		this.processes.add(commands.get("prometheus").start(DIRECTORY));
	}

	/** Starts the jar again after a crash; returns once {@code /ready} answers 200. */
	void restartApp() {
		launchApp();
		awaitReady();
	}

	private void launchApp() {
		if (!Files.exists(JAR)) {
			throw new IllegalStateException(JAR + " is missing; run ./mvnw verify, which packages before this test");
		}
		Map<String, String> env = new HashMap<>();
		env.put("SPRING_PROFILES_ACTIVE", "faults");
		env.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:" + this.postgresPort + "/postgres");
		env.put("SPRING_DATASOURCE_USERNAME", "postgres");
		env.put("SPRING_DATASOURCE_PASSWORD", "postgres");
		env.put("SPRING_DATA_REDIS_URL", this.redis.url());
		env.put("SERVER_PORT", Integer.toString(this.apiPort));
		env.put("MANAGEMENT_SERVER_PORT", Integer.toString(this.managementPort));
		env.put("SENTRY_DSN", "http://public@127.0.0.1:" + this.sentryProxy.port() + "/1");
		env.put("CRM_LIFECYCLE_SHUTDOWN_DELAY", "0s");
		// Authentication (issue 21): the test key pair verifies the tokens Api and the
		// load send; client buckets out of the way of the load scenarios. An address may
		// fail 25 times a second, so that SecurityDrill's 30 invalid tokens a second are
		// mostly 401 (the alert's signal) and partly 429 (the dashboard's).
		env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION",
				"file:" + StackConfig.ROOT.resolve("src/test/resources/security/test-public.pem").toAbsolutePath());
		env.put("CRM_SECURITY_RATE_LIMIT_CLIENT_CAPACITY", "1000000");
		env.put("CRM_SECURITY_RATE_LIMIT_CLIENT_PER_SECOND", "1000000");
		env.put("CRM_SECURITY_RATE_LIMIT_FAILED_AUTHENTICATION_CAPACITY", "50");
		env.put("CRM_SECURITY_RATE_LIMIT_FAILED_AUTHENTICATION_PER_SECOND", "25");
		if (this.app == null) {
			this.app = start("crm-api", env, java(), "-jar", JAR.toString());
		}
		else {
			this.app.start();
		}
	}

	void awaitReady() {
		// 11 to 17 s on a quiet machine; one busy run took 102 s after the crash.
		await("crm-api ready").atMost(Duration.ofMinutes(4))
			.pollInterval(Duration.ofMillis(250))
			.ignoreExceptions()
			.until(() -> this.api.get("/ready").status() == 200);
	}

	/** SIGKILL: the process dies with no drain and no goodbye. */
	void crashApp() {
		this.app.kill();
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
		this.redis.close();
		if (this.postgres != null) {
			stopPostgres();
		}
		this.sentryProxy.close();
		this.sentry.close();
		this.capture.close();
	}

	private StackProcess start(String name, Map<String, String> env, String... command) {
		StackProcess process = StackProcess.start(name, DIRECTORY, env, List.of(command));
		this.processes.add(process);
		return process;
	}

	private static String java() {
		return ProcessHandle.current().info().command().orElse("java");
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
