package dev.crm.observability.errortracking;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.RunningApp;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Sentry that accepts connections and never answers must not slow requests down: events
 * wait in a bounded queue on a background thread, and what does not fit is dropped by the
 * SDK and counted through its discard callback. The SDK's read timeout is set to 30 s
 * here, so a request that waited on Sentry even once would blow the bounds below.
 */
@IntegrationTest
@Import(FailingController.class)
@TestPropertySource(properties = { "sentry.read-timeout-millis=30000", "sentry.connection-timeout-millis=30000",
		"sentry.max-queue-size=" + SentryUnreachableIntegrationTests.MAX_QUEUE_SIZE, "sentry.flush-timeout-millis=200",
		"sentry.shutdown-timeout-millis=200" })
@DirtiesContext
class SentryUnreachableIntegrationTests {

	static final int MAX_QUEUE_SIZE = 5;

	static final BlackHole blackHole = BlackHole.start();

	@DynamicPropertySource
	static void sentryDsn(DynamicPropertyRegistry registry) {
		registry.add("sentry.dsn", () -> "http://public@127.0.0.1:" + blackHole.port() + "/1");
	}

	@AfterAll
	static void closeBlackHole() throws IOException {
		blackHole.close();
	}

	@Autowired
	RunningApp app;

	@Autowired
	MeterRegistry meterRegistry;

	@Test
	void fiftyFailingRequestsCompleteWellWithinOneSentryTimeout() {
		Api api = this.app.api();
		// Warm up the failing path so that the timing below measures Sentry, not JIT.
		api.send(HttpRequest.newBuilder(api.uri("/test/failures/warmup")).GET(), Map.of());

		long slowestMs = 0;
		long start = System.nanoTime();
		for (int i = 0; i < 50; i++) {
			long before = System.nanoTime();
			Api.Response response = api.send(HttpRequest.newBuilder(api.uri("/test/failures/blackhole")).GET(),
					Map.of());
			assertThat(response.status()).isEqualTo(500);
			assertThat(response.json().get("sentry_event_id").asString()).matches("[0-9a-f]{32}");
			slowestMs = Math.max(slowestMs, Duration.ofNanos(System.nanoTime() - before).toMillis());
		}
		long totalMs = Duration.ofNanos(System.nanoTime() - start).toMillis();

		assertThat(slowestMs).as("slowest request (ms)").isLessThan(2_000);
		assertThat(totalMs).as("50 requests (ms)").isLessThan(15_000);
		assertThat(blackHole.accepted()).isPositive();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(counted("dropped")).isGreaterThan(40));
		// Every event was handed on; all but those the queue and the one send in flight
		// still hold were discarded by the SDK (queue overflow) and counted as dropped.
		assertThat(counted("sent")).isEqualTo(51.0);
		assertThat(counted("sent") - counted("dropped")).isLessThanOrEqualTo(MAX_QUEUE_SIZE + 1);
		LoggerFactory.getLogger(getClass())
			.info("Sentry black-holed: slowest request {} ms, 50 requests {} ms, {} events dropped", slowestMs, totalMs,
					counted("dropped"));
	}

	private double counted(String outcome) {
		return this.meterRegistry.get(SentryEventMetrics.METRIC).tag("outcome", outcome).counter().count();
	}

	/** Accepts TCP connections and never reads or answers. */
	record BlackHole(ServerSocket socket, List<Socket> connections) implements AutoCloseable {

		static BlackHole start() {
			try {
				BlackHole hole = new BlackHole(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
						new CopyOnWriteArrayList<>());
				Thread acceptor = new Thread(hole::acceptForever, "sentry-black-hole");
				acceptor.setDaemon(true);
				acceptor.start();
				return hole;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		int port() {
			return this.socket.getLocalPort();
		}

		int accepted() {
			return this.connections.size();
		}

		private void acceptForever() {
			while (!this.socket.isClosed()) {
				try {
					this.connections.add(this.socket.accept());
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
			for (Socket connection : this.connections) {
				connection.close();
			}
		}

	}

}
