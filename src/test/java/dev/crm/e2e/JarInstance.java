package dev.crm.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.crm.support.Api;

import static org.awaitility.Awaitility.await;

/**
 * One instance of {@code target/crm-api.jar} as a child process on its own ports, with
 * the jar's production shutdown delay: stopped by SIGTERM as Kubernetes stops a pod, and
 * started again on the same ports; or killed, as in a crash.
 */
final class JarInstance implements AutoCloseable {

	private static final Path JAR = StackConfig.ROOT.resolve("target/crm-api.jar");

	final String name;

	final int apiPort = EndToEndStack.freePort();

	final int managementPort = EndToEndStack.freePort();

	final Api api = new Api(this.apiPort);

	final Api management = new Api(this.managementPort);

	private final Path log;

	private final Map<String, String> environment;

	private Process process;

	JarInstance(String name, Path directory, Map<String, String> environment) {
		this.name = name;
		this.log = directory.resolve(name + ".log");
		this.environment = environment;
	}

	void start() {
		if (!Files.exists(JAR)) {
			throw new IllegalStateException(JAR + " is missing; run ./mvnw verify, which packages before this test");
		}
		String java = ProcessHandle.current().info().command().orElse("java");
		ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString()).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		builder.environment().putAll(this.environment);
		builder.environment().put("SERVER_PORT", Integer.toString(this.apiPort));
		builder.environment().put("MANAGEMENT_SERVER_PORT", Integer.toString(this.managementPort));
		try {
			Files.createDirectories(this.log.getParent());
			Files.writeString(this.log, "", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void awaitReady() {
		await(this.name + " ready").atMost(Duration.ofMinutes(4))
			.pollInterval(Duration.ofMillis(250))
			.ignoreExceptions()
			.until(() -> this.api.get("/ready").status() == 200);
	}

	/**
	 * SIGTERM, then waits for the exit within the grace period; returns the exit status.
	 */
	int terminate(Duration gracePeriod) {
		this.process.destroy();
		try {
			if (!this.process.waitFor(gracePeriod.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly();
				throw new IllegalStateException(this.name + " still running after the grace period " + gracePeriod);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return this.process.exitValue();
	}

	/** SIGKILL: the process dies with no drain and no goodbye, as in a crash. */
	void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/** How Prometheus names it: the {@code instance} label of its crm-api target. */
	String target() {
		return "127.0.0.1:" + this.managementPort;
	}

	@Override
	public void close() {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroyForcibly();
		}
	}

}
