package dev.crm.monitoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.crm.support.IntegrationTest;
import dev.crm.support.PrometheusScrape;
import dev.crm.support.RunningApp;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A burst of protocol rejections (CONNECT, unknown transfer codings, HTTP versions other
 * than 1.x) leaves every input of the SLO rules as it was: each selector on
 * {@code http_server_requests_seconds} in {@code prometheus/rules} sums to the same value
 * before and after the burst, so no rule computed from them (request rates, error and
 * latency ratios, burn rates) can move. The selectors are read from the rule files, so
 * the test follows the rules when they change.
 */
@IntegrationTest
class ProtocolRejectionSloIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(ProtocolRejectionSloIntegrationTests.class);

	private static final Pattern SELECTOR = Pattern.compile("(http_server_requests_seconds_[a-z_]+)\\s*(\\{[^}]*})?");

	private static final Pattern MATCHER = Pattern
		.compile("([A-Za-z_]\\w*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final int ROUNDS = 30;

	private static final String END = "Host: localhost\r\nConnection: close\r\n\r\n";

	/* Anyone can send these; Tomcat answered each with a 501 or a 505. */
	private static final List<String> PROTOCOL_REJECTIONS = List.of("CONNECT /api/v1/campaigns HTTP/1.1\r\n" + END,
			"CONNECT localhost:443 HTTP/1.1\r\n" + END,
			"POST /api/v1/campaigns HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n" + END + "0\r\n\r\n",
			"POST /api/v1/campaigns HTTP/1.1\r\nTransfer-Encoding: identity\r\n" + END,
			"GET /api/v1/campaigns HTTP/1.2\r\n" + END, "GET /api/v1/campaigns HTTP/9.9\r\n" + END);

	@Autowired
	RunningApp app;

	@Test
	void burstOfProtocolRejectionsLeavesTheSloInputsUnchanged() throws IOException {
		// Some API traffic, so that the SLI selectors have series to sum.
		for (int i = 0; i < 5; i++) {
			assertThat(this.app.api().get("/api/v1/campaigns").status()).isEqualTo(200);
		}
		Set<String> selectors = selectors();
		assertThat(selectors).as("selectors on http_server_requests_seconds in prometheus/rules").isNotEmpty();
		PrometheusScrape before = this.app.scrape();
		double rejectedBefore = rejected(before);

		for (int round = 0; round < ROUNDS; round++) {
			for (String request : PROTOCOL_REJECTIONS) {
				assertThat(statusOf(request)).as(request.lines().findFirst().orElseThrow()).isBetween(400, 499);
			}
		}
		int burst = ROUNDS * PROTOCOL_REJECTIONS.size();
		// The burst is counted, under traffic="rejected": the scrape after holds it.
		PrometheusScrape after = await().atMost(Duration.ofSeconds(20))
			.until(this.app::scrape, (scrape) -> rejected(scrape) >= rejectedBefore + burst);

		Map<String, double[]> values = new LinkedHashMap<>();
		for (String selector : selectors) {
			values.put(selector, new double[] { sum(before, selector), sum(after, selector) });
		}
		values.forEach((selector, value) -> log.info("{}: before {} after {}", selector, value[0], value[1]));
		assertThat(values.values().stream().mapToDouble((value) -> value[0]).sum())
			.as("the selectors match the API traffic sent before the burst")
			.isPositive();
		values.forEach((selector, value) -> assertThat(value[1]).as(selector).isEqualTo(value[0]));
	}

	/** Every selector on the HTTP server metric in the rule files, as written. */
	private static Set<String> selectors() {
		Set<String> selectors = new TreeSet<>();
		for (Map<String, Object> rule : MonitoringStack.rules()) {
			Matcher matcher = SELECTOR.matcher(String.valueOf(rule.get("expr")));
			while (matcher.find()) {
				selectors.add(matcher.group().replaceAll("\\s+", ""));
			}
		}
		return selectors;
	}

	/**
	 * The sum of the samples a selector matches. Matchers on labels that no sample of the
	 * metric carries (target labels Prometheus adds at scrape time, such as
	 * {@code service}) select nothing here and are left out.
	 */
	private static double sum(PrometheusScrape scrape, String selector) {
		Matcher parts = SELECTOR.matcher(selector);
		assertThat(parts.matches()).isTrue();
		List<PrometheusScrape.Sample> samples = scrape.samples(parts.group(1));
		Matcher matcher = MATCHER.matcher((parts.group(2) != null) ? parts.group(2) : "");
		while (matcher.find()) {
			String label = matcher.group(1);
			String operator = matcher.group(2);
			String value = matcher.group(3).replace("\\\\", "\\");
			if (samples.stream().noneMatch((sample) -> sample.labels().containsKey(label))) {
				continue;
			}
			samples = samples.stream()
				.filter((sample) -> matches(sample.labels().getOrDefault(label, ""), operator, value))
				.toList();
		}
		return samples.stream().mapToDouble(PrometheusScrape.Sample::value).sum();
	}

	private static boolean matches(String actual, String operator, String value) {
		return switch (operator) {
			case "=" -> actual.equals(value);
			case "!=" -> !actual.equals(value);
			case "=~" -> actual.matches(value);
			case "!~" -> !actual.matches(value);
			default -> throw new IllegalArgumentException(operator);
		};
	}

	private static double rejected(PrometheusScrape scrape) {
		return scrape.samples("http_server_requests_seconds_count", (sample) -> sample.has("traffic", "rejected"))
			.stream()
			.mapToDouble(PrometheusScrape.Sample::value)
			.sum();
	}

	private int statusOf(String request) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.app.port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			String statusLine = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).lines()
				.findFirst()
				.orElse("");
			return Integer.parseInt(statusLine.split(" ")[1]);
		}
	}

}
