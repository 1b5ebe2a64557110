package dev.crm.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * prometheus/targets.yml is the one list of targets: the compose files checked in are
 * what it generates, every target file prometheus.yml reads is one it writes, and a run
 * on other ports moves every native address.
 */
class TargetListTests {

	@Test
	void composeTargetFilesAreTheOnesTheListWrites() throws IOException {
		Map<String, String> checkedIn = new TreeMap<>();
		try (Stream<Path> files = Files.list(TargetList.COMPOSE_DIRECTORY)) {
			for (Path file : files.toList()) {
				checkedIn.put(file.getFileName().toString(), Files.readString(file));
			}
		}
		assertThat(checkedIn)
			.as("prometheus/targets/compose/ differs from prometheus/targets.yml; "
					+ "run: bash scripts/stack.sh compose-targets")
			.isEqualTo(new TreeMap<>(TargetList.read().composeFiles()));
	}

	@Test
	void everyTargetFilePrometheusReadsIsWrittenFromTheList() {
		Map<String, Object> config = StackFiles.yaml(StackFiles.ROOT.resolve("prometheus/prometheus.yml"));
		List<Map<String, Object>> discovery = new ArrayList<>();
		StackFiles.list(config.get("scrape_configs"))
			.forEach((job) -> discovery.addAll(StackFiles.list(job.get("file_sd_configs"))));
		StackFiles.list(StackFiles.map(config.get("alerting")).get("alertmanagers"))
			.forEach((alertmanager) -> discovery.addAll(StackFiles.list(alertmanager.get("file_sd_configs"))));
		Set<String> read = new TreeSet<>();
		discovery.forEach((sd) -> ((List<?>) sd.get("files")).forEach((file) -> read.add(String.valueOf(file))));
		Set<String> written = new TreeSet<>();
		TargetList.read()
			.files("native", IntUnaryOperator.identity())
			.keySet()
			.forEach((name) -> written.add("targets/" + name));
		assertThat(read).isEqualTo(written);
	}

	@Test
	void aRunOnOtherPortsMovesEveryNativeAddressAndTheProber(@TempDir Path dir) throws IOException {
		TargetList targets = TargetList.read();
		IntUnaryOperator moved = (port) -> port + 10000;
		new StackFiles(dir, moved, 1, dir, Map.of()).write();
		String probes = Files.readString(dir.resolve("prometheus/targets/blackbox-http.yml"));
		assertThat(probes).contains("http://127.0.0.1:" + (targets.nativePort("blackbox-http") + 10000) + "/ready")
			.contains("__blackbox_exporter: 127.0.0.1:" + (targets.nativePort("blackbox-exporter") + 10000));
		for (int port : targets.nativePorts()) {
			try (Stream<Path> files = Files.list(dir.resolve("prometheus/targets"))) {
				for (Path file : files.toList()) {
					assertThat(Files.readString(file)).as("%s", file.getFileName())
						.doesNotContain("127.0.0.1:" + port + "\n")
						.doesNotContain("127.0.0.1:" + port + "/");
				}
			}
		}
	}

}
