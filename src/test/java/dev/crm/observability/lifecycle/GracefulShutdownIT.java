package dev.crm.observability.lifecycle;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.crm.support.Api;
import dev.crm.support.TcpProxy;
import dev.crm.support.TestServices;
import dev.crm.support.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real jar ({@code target/crm-api.jar}, built by {@code package} before failsafe runs
 * this in {@code verify}) as a child process, sent a real SIGTERM while 20 requests wait
 * on a stalled PostgreSQL.
 */
class GracefulShutdownIT {

	private static final Path JAR = Path.of("target", "crm-api.jar");

	private static final Duration SHUTDOWN_DELAY = Duration.ofSeconds(1);

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);

	private final TcpProxy proxy = TcpProxy.start(TestServices.postgres().address());

	private Process app;

	@AfterEach
	void cleanUp() {
		this.proxy.restore();
		if (this.app != null && this.app.isAlive()) {
			this.app.destroyForcibly();
		}
		this.proxy.close();
	}

	/**
	 * 128 + 15: the JVM's exit status after a SIGTERM that its shutdown hooks handled.
	 */
	private static final int EXIT_STATUS_AFTER_SIGTERM = 143;

	@Test
	void sigtermTurnsReadinessOffDrainsRequestsInFlightAndExitsWith143() throws Exception {
		int port = freePort();
		int managementPort = freePort();
		this.app = startJar(port, managementPort);
		Api api = new Api(port);
		Api management = new Api(managementPort);
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> this.app.isAlive() && answers(port) && api.get("/ready").status() == 200);
		assertThat(api.get("/live").status()).isEqualTo(200);
		assertThat(api.get("/health").status()).isEqualTo(200);
		long campaign = api.createCampaign("drain");

		this.proxy.stall();
		HttpClient client = HttpClient.newHttpClient();
		List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			HttpRequest request = HttpRequest.newBuilder(api.uri("/api/v1/campaigns/" + campaign))
				.header("Authorization", "Bearer " + TestTokens.VALID)
				.timeout(Duration.ofSeconds(60))
				.build();
			inFlight.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
		}
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> apiRequestsInFlight(management) >= 20);
		assertThat(api.get("/ready").status()).as("ready before SIGTERM").isEqualTo(200);

		long sigterm = System.nanoTime();
		this.app.destroy();
		await().atMost(Duration.ofSeconds(1))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> api.get("/ready").status() == 503);
		Duration toNotReady = Duration.ofNanos(System.nanoTime() - sigterm);
		// After the delay the server stops accepting connections and drains: only then
		// let PostgreSQL answer, so the requests in flight outlive the listener.
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> !answers(port));
		assertThat(inFlight).noneMatch(CompletableFuture::isDone);
		this.proxy.restore();

		List<Integer> statuses = new ArrayList<>();
		for (CompletableFuture<HttpResponse<String>> response : inFlight) {
			statuses.add(response.get(30, TimeUnit.SECONDS).statusCode());
		}
		assertThat(this.app.waitFor(DRAIN_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)).as("exited").isTrue();
		Duration toExit = Duration.ofNanos(System.nanoTime() - sigterm);
		System.out.println("[lifecycle] SIGTERM to /ready 503: " + toNotReady.toMillis()
				+ " ms (first poll that saw it)" + "; statuses of the " + statuses.size() + " requests in flight: "
				+ statuses + "; SIGTERM to exit: " + toExit.toMillis() + " ms, exit status " + this.app.exitValue());
		assertThat(statuses).hasSize(20).containsOnly(200);
		assertThat(this.app.exitValue()).isEqualTo(EXIT_STATUS_AFTER_SIGTERM);
		assertThat(toExit).isLessThan(SHUTDOWN_DELAY.plus(DRAIN_TIMEOUT));
	}

	private Process startJar(int port, int managementPort) throws IOException {
		assertThat(JAR).as("the executable jar; run ./mvnw verify, which packages before this test").exists();
		Path log = Files.createDirectories(Path.of("target", "graceful-shutdown-it")).resolve("app.log");
		String java = ProcessHandle.current().info().command().orElse("java");
		// A slow database, not a dead one: generous DB timeouts so that the stall holds
		// requests rather than failing them. Hikari's timeouts go as arguments: as
		// environment variables (SPRING_DATASOURCE_HIKARI_CONNECTION_TIMEOUT) Boot would
		// also try them as connection.timeout, call getConnection() while binding and
		// start the pool before it is configured.
		ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString(),
				"--spring.datasource.hikari.connection-timeout=30000",
				"--spring.datasource.hikari.validation-timeout=20000")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		Map<String, String> env = builder.environment();
		env.put("SPRING_DATASOURCE_URL",
				"jdbc:postgresql://127.0.0.1:" + this.proxy.port() + "/postgres?socketTimeout=60");
		env.put("SPRING_DATASOURCE_USERNAME", "postgres");
		env.put("SPRING_DATASOURCE_PASSWORD", "postgres");
		env.put("CRM_HEALTH_TIMEOUT", "30s");
		// The jar does not start without a key; the test key pair's verifies Api's token.
		env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION",
				"file:" + Path.of("src/test/resources/security/test-public.pem").toAbsolutePath());
		env.put("SERVER_PORT", Integer.toString(port));
		env.put("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort));
		env.put("CRM_LIFECYCLE_SHUTDOWN_DELAY", SHUTDOWN_DELAY.toMillis() + "ms");
		env.put("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE", DRAIN_TIMEOUT.toSeconds() + "s");
		return builder.start();
	}

	/**
	 * API requests in flight, from the HTTP observation's own gauge: requests run on
	 * virtual threads, for which Tomcat reports no busy-thread count.
	 */
	private static int apiRequestsInFlight(Api management) {
		Pattern line = Pattern
			.compile("(?m)^http_server_requests_active_seconds_count\\{[^}]*traffic=\"api\"[^}]*} ([0-9.]+)$");
		Matcher matcher = line.matcher(management.get("/actuator/prometheus").body());
		int inFlight = 0;
		while (matcher.find()) {
			inFlight += (int) Double.parseDouble(matcher.group(1));
		}
		return inFlight;
	}

	private static boolean answers(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return true;
		}
		catch (ConnectException ex) {
			return false;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
