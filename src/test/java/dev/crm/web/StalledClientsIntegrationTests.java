package dev.crm.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.crm.support.IntegrationTest;
import dev.crm.support.PrometheusScrape;
import dev.crm.support.RunningApp;
import dev.crm.support.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that send their headers and then stall in the body cannot starve the service:
 * with 250 such uploads held open, each inside the controller's body read, the readiness
 * probe, the liveness probe and an API read still answer within 1 s. An upload that
 * stalls past the read timeout gets a 408 problem.
 */
@IntegrationTest
class StalledClientsIntegrationTests {

	private static final int STALLED = 250;

	/* Headers that promise 100 bytes of body, and the first 10 of them. */
	private static final String STALLED_UPLOAD = "POST /api/v1/campaigns HTTP/1.1\r\nHost: localhost\r\n"
			+ "Authorization: Bearer " + TestTokens.VALID + "\r\n"
			+ "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\":\"a";

	/** The bound: an answer that takes longer fails a probe. */
	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

	@Autowired
	RunningApp app;

	@Test
	void twoHundredFiftyUploadsStalledMidBodyLeaveProbesAndApiAnswering() throws Exception {
		double inFlightBefore = uploadsInFlight();
		List<Socket> stalled = new ArrayList<>();
		try {
			for (int i = 0; i < STALLED; i++) {
				Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.app.port());
				stalled.add(socket);
				OutputStream out = socket.getOutputStream();
				out.write(STALLED_UPLOAD.getBytes(StandardCharsets.US_ASCII));
				out.flush();
			}
			// Every upload has reached the controller and waits there for its body: the
			// state that held a worker thread each.
			await().atMost(Duration.ofSeconds(30)).until(() -> uploadsInFlight() - inFlightBefore >= STALLED);

			HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			for (String path : List.of("/ready", "/live", "/api/v1/campaigns")) {
				HttpRequest request = HttpRequest.newBuilder(this.app.api().uri(path))
					.header("Authorization", "Bearer " + TestTokens.VALID)
					.timeout(PROBE_TIMEOUT)
					.build();
				HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).as(path).isEqualTo(200);
			}
		}
		finally {
			for (Socket socket : stalled) {
				closeQuietly(socket);
			}
		}
	}

	@Test
	void uploadStalledPastTheReadTimeoutGets408Problem() throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.app.port())) {
			// Well past server.tomcat.connection-timeout (10 s), which ends the wait.
			socket.setSoTimeout(30_000);
			socket.getOutputStream().write(STALLED_UPLOAD.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
			assertThat(in.readLine()).startsWith("HTTP/1.1 408");
			List<String> head = new ArrayList<>();
			for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
				head.add(line.toLowerCase(Locale.ROOT));
			}
			assertThat(head).contains("content-type: application/problem+json")
				.anyMatch((line) -> line.startsWith("x-request-id: "));
		}
	}

	/**
	 * API POSTs in flight, from the HTTP observation's in-flight gauge (its route is not
	 * known yet while the body is read).
	 */
	private double uploadsInFlight() {
		PrometheusScrape scrape = this.app.scrape();
		return scrape
			.samples("http_server_requests_active_seconds_count",
					(sample) -> sample.has("method", "POST") && sample.has("traffic", "api"))
			.stream()
			.mapToDouble(PrometheusScrape.Sample::value)
			.sum();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closing is all that is left to do with it.
		}
	}

}
