package dev.crm.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.crm.stack.StackProcess;

/**
 * HAProxy (the Debian package) in front of several instances of the jar, taking an
 * instance out of rotation as Kubernetes' readiness probe does: {@code GET /ready} on its
 * API port, out after two failed checks, back after two passed. The check interval is
 * shorter than the jar's shutdown delay, so an instance that turns {@code /ready} to 503
 * on SIGTERM is out of rotation before it stops accepting connections.
 */
final class HaProxy implements AutoCloseable {

	/** The check interval; two of them must fit in the jar's shutdown delay (5 s). */
	static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

	final int port;

	private final List<Integer> apiPorts;

	private final StackProcess process;

	private HaProxy(int port, List<Integer> apiPorts, StackProcess process) {
		this.port = port;
		this.apiPorts = apiPorts;
		this.process = process;
	}

	/** Starts HAProxy on a free port, balancing over the instances' API ports. */
	static HaProxy start(Path directory, List<Integer> apiPorts) {
		int port = EndToEndStack.freePort();
		StringBuilder config = new StringBuilder();
		config.append("""
				global
				  log stderr format short local0 notice
				defaults
				  mode http
				  log global
				  option httplog
				  timeout connect 1s
				  timeout client 30s
				  timeout server 30s
				  timeout check 1s
				frontend api
				  bind 127.0.0.1:%d
				  default_backend crm-api
				backend crm-api
				  balance roundrobin
				  option httpchk GET /ready
				  http-check expect status 200
				  # A connection the instance closed is not reused for the next request.
				  option http-server-close
				""".formatted(port));
		for (int i = 0; i < apiPorts.size(); i++) {
			config.append("  server crm-api-%d 127.0.0.1:%d check inter %dms fall 2 rise 2%n".formatted(i + 1,
					apiPorts.get(i), CHECK_INTERVAL.toMillis()));
		}
		Path file = directory.resolve("haproxy.cfg");
		try {
			Files.createDirectories(directory);
			Files.writeString(file, config);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		StackProcess process = StackProcess.start("haproxy", directory, Map.of(),
				List.of("haproxy", "-db", "-f", file.toString()));
		return new HaProxy(port, List.copyOf(apiPorts), process);
	}

	/**
	 * Whether the instance on that API port is out of rotation: its last state change in
	 * HAProxy's log is DOWN (it starts UP and logs nothing until a check fails).
	 */
	boolean isOutOfRotation(int apiPort) {
		String server = "Server crm-api/crm-api-" + (this.apiPorts.indexOf(apiPort) + 1) + " is ";
		return log().lines()
			.filter((line) -> line.startsWith("[WARNING]") && line.contains(server))
			.reduce((first, second) -> second)
			.map((line) -> line.contains(server + "DOWN"))
			.orElse(false);
	}

	String log() {
		return this.process.logText();
	}

	@Override
	public void close() {
		this.process.stop();
	}

}
