package dev.crm.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.function.IntUnaryOperator;

/**
 * {@code bash scripts/stack.sh up|down|status|compose-targets}: the monitoring stack as
 * processes on 127.0.0.1, for machines without Docker, against the service started with
 * {@code ./mvnw spring-boot:test-run}. The processes outlive this program; {@code down}
 * stops them by the PIDs {@code up} wrote, after checking that each PID still runs the
 * same binary.
 * <p>
 * Environment (defaults in brackets): {@code CRM_STACK_DIR} data, logs and PID files
 * [target/stack]; {@code CRM_SECRETS_DIR} the receivers' secret files [secrets.example];
 * {@code POSTGRES_DSN} what postgres-exporter watches
 * [postgresql://postgres:postgres@127.0.0.1:54329/postgres?sslmode=disable];
 * {@code REDIS_ADDR} what redis-exporter watches [redis://127.0.0.1:6379].
 */
public final class NativeStack {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private final Path directory = StackFiles.ROOT.resolve(env("CRM_STACK_DIR", "target/stack"));

	/**
	 * An instance main (JDK 25): Spring Boot's plugin looks for static ones only, so
	 * {@code ./mvnw spring-boot:test-run} still finds TestCrmApplication as the one main
	 * class on the test classpath.
	 */
	void main(String[] args) throws IOException {
		int status = switch ((args.length == 1) ? args[0] : "") {
			case "up" -> up();
			case "down" -> down();
			case "status" -> status();
			case "compose-targets" -> writeComposeTargets();
			default -> {
				System.err.println("usage: bash scripts/stack.sh up|down|status|compose-targets");
				yield 2;
			}
		};
		System.exit(status);
	}

	/**
	 * The project's files with the native rewrites: the native target addresses as they
	 * are, intervals as shipped, secrets from {@code CRM_SECRETS_DIR}, receivers as
	 * configured.
	 */
	private SequencedMap<String, StackCommands.Command> commands(boolean writeFiles) {
		Path secrets = StackFiles.ROOT.resolve(env("CRM_SECRETS_DIR", "secrets.example")).toAbsolutePath();
		StackFiles files = new StackFiles(this.directory, IntUnaryOperator.identity(), 1, secrets, Map.of());
		if (writeFiles) {
			files.write();
		}
		return StackCommands.of(files, this.directory,
				env("POSTGRES_DSN", "postgresql://postgres:postgres@127.0.0.1:54329/postgres?sslmode=disable"),
				env("REDIS_ADDR", "redis://127.0.0.1:6379"));
	}

	private int up() throws IOException {
		Files.createDirectories(this.directory);
		SequencedMap<String, StackCommands.Command> commands = commands(true);
		List<String> failed = new ArrayList<>();
		for (StackCommands.Command command : commands.values()) {
			Optional<ProcessHandle> running = running(command);
			if (running.isPresent()) {
				System.out.println(command.name() + " already running (PID " + running.get().pid() + ")");
				continue;
			}
			StackProcess process = command.start(this.directory);
			Files.writeString(pidFile(command), Long.toString(process.pid()));
		}
		for (StackCommands.Command command : commands.values()) {
			if (!awaitListening(command)) {
				failed.add(command.name());
				Path log = this.directory.resolve(command.name() + ".log");
				List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
				System.err.println(command.name() + " did not start; its log, " + log + ", ends with:");
				lines.subList(Math.max(0, lines.size() - 5), lines.size()).forEach(System.err::println);
			}
		}
		TargetList targets = TargetList.read();
		System.out.printf("""
				Prometheus        http://127.0.0.1:%d  (alerts at /alerts, targets at /targets)
				Alertmanager      http://127.0.0.1:%d
				blackbox-exporter http://127.0.0.1:%d  (probes crm-api's /health and /ready)
				postgres-exporter http://127.0.0.1:%d/metrics
				redis-exporter    http://127.0.0.1:%d/metrics
				node-exporter     http://127.0.0.1:%d/metrics
				crm-api, scraped  http://127.0.0.1:%d/actuator/prometheus  (start it: ./mvnw spring-boot:test-run)
				Files, logs and data in %s; stop with: bash scripts/stack.sh down
				""", targets.nativePort("prometheus"), targets.nativePort("alertmanager"),
				targets.nativePort("blackbox-exporter"), targets.nativePort("postgres"), targets.nativePort("redis"),
				targets.nativePort("node"), targets.nativePort("crm-api"), this.directory);
		return failed.isEmpty() ? 0 : 1;
	}

	private int down() throws IOException {
		for (StackCommands.Command command : commands(false).sequencedValues().reversed()) {
			Optional<ProcessHandle> running = running(command);
			if (running.isPresent()) {
				ProcessHandle process = running.get();
				process.destroy();
				Instant deadline = Instant.now().plusSeconds(10);
				while (process.isAlive() && Instant.now().isBefore(deadline)) {
					sleep(Duration.ofMillis(100));
				}
				if (process.isAlive()) {
					process.destroyForcibly();
				}
				System.out.println("stopped " + command.name());
			}
			Files.deleteIfExists(pidFile(command));
		}
		return 0;
	}

	private int status() {
		for (StackCommands.Command command : commands(false).values()) {
			System.out
				.println(running(command).map((process) -> command.name() + " running (PID " + process.pid() + ")")
					.orElse(command.name() + " stopped"));
		}
		return 0;
	}

	/**
	 * Regenerates prometheus/targets/compose/ from prometheus/targets.yml;
	 * {@code TargetListTests} fails until it is run after a change to the list.
	 */
	private static int writeComposeTargets() throws IOException {
		StackFiles.deleteTree(TargetList.COMPOSE_DIRECTORY);
		Files.createDirectories(TargetList.COMPOSE_DIRECTORY);
		for (Map.Entry<String, String> file : TargetList.read().composeFiles().entrySet()) {
			Files.writeString(TargetList.COMPOSE_DIRECTORY.resolve(file.getKey()), file.getValue());
			System.out
				.println("wrote " + StackFiles.ROOT.relativize(TargetList.COMPOSE_DIRECTORY.resolve(file.getKey())));
		}
		return 0;
	}

	/** The process {@code up} started, if its PID still runs the same binary. */
	private Optional<ProcessHandle> running(StackCommands.Command command) {
		Path pidFile = pidFile(command);
		if (!Files.exists(pidFile)) {
			return Optional.empty();
		}
		try {
			String binary = command.command().getFirst();
			return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
				.filter(ProcessHandle::isAlive)
				.filter((
						process) -> process.info().command().filter((path) -> path.endsWith("/" + binary)).isPresent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Whether the process listens on its port within the timeout, and still runs. */
	private boolean awaitListening(StackCommands.Command command) {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		while (running(command).isPresent() && Instant.now().isBefore(deadline)) {
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), command.port())) {
				return true;
			}
			catch (IOException notYet) {
				sleep(Duration.ofMillis(200));
			}
		}
		return false;
	}

	private Path pidFile(StackCommands.Command command) {
		return this.directory.resolve(command.name() + ".pid");
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
