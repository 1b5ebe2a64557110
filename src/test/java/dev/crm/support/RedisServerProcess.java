package dev.crm.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A real {@code redis-server} child process on a free loopback port. It can be stopped
 * and started again on the same port to simulate an outage. The binary comes from the
 * Debian package {@code redis-server}, which the test script installs; a missing binary
 * fails the test rather than skipping it.
 */
public final class RedisServerProcess implements AutoCloseable {

	private static RedisServerProcess shared;

	private final int port;

	private Process process;

	private RedisServerProcess(int port) {
		this.port = port;
	}

	/** The per-JVM server, started on first use. */
	public static synchronized RedisServerProcess shared() {
		if (shared == null) {
			shared = new RedisServerProcess(freePort());
			shared.start();
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
		}
		return shared;
	}

	/**
	 * A server of the caller's own, started on a free port, for tests that stop it. The
	 * caller closes it.
	 */
	public static RedisServerProcess startNew() {
		RedisServerProcess server = new RedisServerProcess(freePort());
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::close));
		return server;
	}

	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	public int port() {
		return this.port;
	}

	public synchronized void start() {
		if (this.process != null && this.process.isAlive()) {
			return;
		}
		try {
			Path dir = Files.createTempDirectory("crm-redis");
			this.process = new ProcessBuilder(List.of(binary(), "--port", Integer.toString(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()))
				.redirectErrorStream(true)
				.redirectOutput(dir.resolve("redis.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start redis-server", ex);
		}
		await().atMost(Duration.ofSeconds(10)).until(this::accepts);
	}

	public synchronized void stop() {
		if (this.process != null) {
			this.process.destroy();
			try {
				this.process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void close() {
		stop();
	}

	private boolean accepts() {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String binary() {
		for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
			if (Files.isExecutable(Path.of(candidate))) {
				return candidate;
			}
		}
		throw new IllegalStateException(
				"redis-server not found. Install the Debian package redis-server (scripts/test.sh does this).");
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
