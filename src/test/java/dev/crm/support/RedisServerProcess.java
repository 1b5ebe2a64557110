package dev.crm.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Redis as a real {@code redis-server} child process on a free loopback port: the native
 * choice of {@link TestServices}. The binary comes from the Debian package
 * {@code redis-server}, which the test script installs; a missing binary fails the test
 * rather than skipping it. The end-to-end suite uses it directly: its exporters run as
 * processes too, and it must run as the design says, whatever Docker offers.
 */
public final class RedisServerProcess implements RedisServer {

	private final int port;

	private Process process;

	private RedisServerProcess(int port) {
		this.port = port;
	}

	/** A server started on a free port; it stops when the JVM does, if not before. */
	public static RedisServerProcess startNew() {
		RedisServerProcess server = new RedisServerProcess(freePort());
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::close));
		return server;
	}

	@Override
	public String host() {
		return "127.0.0.1";
	}

	@Override
	public int port() {
		return this.port;
	}

	@Override
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
		await().atMost(Duration.ofSeconds(10)).until(this::answersPing);
	}

	@Override
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
