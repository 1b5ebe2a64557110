package dev.crm.observability.logging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.crm.support.IntegrationTest;
import dev.crm.support.LogLines;
import dev.crm.support.PrometheusScrape.Sample;
import dev.crm.support.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Through the service's own logging configuration, the bytes counted by logger group and
 * level are the bytes that reached stdout, and the series are fixed: four groups times
 * five levels, whatever logs.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LogVolumeIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	RunningApp app;

	@Test
	void theBytesCountedAreTheBytesWrittenToStdout(CapturedOutput output) {
		Sample before = bytes("other", "warn");
		Sample accessBefore = bytes("crm.access", "info");
		int from = output.getOut().length();

		// A logger no other code uses, in the group "other"; lines of two and three byte
		// characters, one with a stack trace.
		String name = "org.example.logvolume." + UUID.randomUUID();
		Logger log = LoggerFactory.getLogger(name);
		for (int i = 0; i < 20; i++) {
			log.warn("Kundenliste exportiert für Zoë, 顧客 {}", i);
		}
		log.warn("with a stack trace", new IllegalStateException("boom"));
		this.app.api().get("/api/v1/campaigns?page=0&size=5");
		this.app.api().get("/no/such/path");

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			String written = output.getOut().substring(from);
			assertThat(lines(written, (line) -> name.equals(LogLines.text(line, "logger")))).hasSize(21);
			assertThat(bytes("other", "warn").value() - before.value())
				.isEqualTo(bytesOf(written, (line) -> "WARN".equals(LogLines.text(line, "level"))
						&& LogVolume.GROUPS.get(LogVolume.groupIndex(LogLines.text(line, "logger"))).equals("other")));
			assertThat(bytes("crm.access", "info").value() - accessBefore.value())
				.isEqualTo(bytesOf(written, (line) -> AccessLog.LOGGER_NAME.equals(LogLines.text(line, "logger"))));
		});
	}

	@Test
	void everyGroupAndLevelHasItsSeriesFromTheStartAndNoOthers() {
		for (int i = 0; i < 50; i++) {
			LoggerFactory.getLogger("dev.crm.random." + UUID.randomUUID()).warn("line {}", i);
		}
		for (String metric : List.of("crm_log_lines_total", "crm_log_bytes_total")) {
			Set<String> series = this.app.scrape()
				.samples(metric)
				.stream()
				.map((sample) -> sample.label("logger_group") + "/" + sample.label("level"))
				.collect(Collectors.toSet());
			assertThat(series).as(metric)
				.hasSize(20)
				.contains("crm.access/info", "dev.crm/warn", "org.springframework/debug", "other/error");
		}
	}

	private Sample bytes(String group, String level) {
		return this.app.scrape()
			.samples("crm_log_bytes_total", (sample) -> sample.has("logger_group", group) && sample.has("level", level))
			.getFirst();
	}

	private static List<String> lines(String written, Predicate<JsonNode> filter) {
		return written.lines().filter((line) -> line.startsWith("{") && filter.test(JSON.readTree(line))).toList();
	}

	/** Each line's UTF-8 bytes and its line separator, as the encoder produced them. */
	private static double bytesOf(String written, Predicate<JsonNode> filter) {
		return lines(written, filter).stream()
			.mapToInt((line) -> (line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8).length)
			.sum();
	}

}
