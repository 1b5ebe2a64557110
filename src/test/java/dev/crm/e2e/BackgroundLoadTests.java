package dev.crm.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end timeline's line about the load, from the end of a real Gatling run's
 * output (the realistic mix at 30/s against a jar with a 50% error fault on one route):
 * the achieved rate, the counts, and the status behind every KO.
 */
class BackgroundLoadTests {

	@Test
	void summarySaysTheRateTheCountsAndTheStatusBehindEachKo() throws IOException {
		String summary = BackgroundLoad.summary(consoleOutput());

		assertThat(summary).contains("request count | 592 | 537 | 55", "mean throughput (rps) | 29.6 | 26.85 | 2.75",
				"response time 99th percentile (ms) | 89 | 89 | 27", "KOs: status.find.is(200), found 500 55 (100%)");
		assertThat(summary).as("only the figures worth a line, once each")
			.doesNotContain("min response time", "OK: t < 800 ms", "GET /api/v1/campaigns/{id}")
			.containsOnlyOnce("request count");
	}

	@Test
	void aRunWithoutKoSaysSo() {
		List<String> lines = List.of("---- Global Information ---|---Total---|-----OK----|----KO----",
				"> request count        |       450 |       450 |         -",
				"> mean throughput (rps)        |        30 |        30 |         -",
				"---- Response Time Distribution ----", "> KO       0     (0%)");

		assertThat(BackgroundLoad.summary(lines))
			.isEqualTo("request count | 450 | 450 | -; " + "mean throughput (rps) | 30 | 30 | -; no KO");
	}

	private static List<String> consoleOutput() throws IOException {
		try (InputStream in = BackgroundLoadTests.class.getResourceAsStream("gatling-summary.txt")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
		}
	}

}
