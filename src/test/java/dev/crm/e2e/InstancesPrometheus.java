package dev.crm.e2e;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.crm.stack.StackCommands;
import dev.crm.stack.StackFiles;
import dev.crm.stack.StackProcess;
import dev.crm.stack.TargetList;

/**
 * Prometheus with the repository's prometheus.yml and rules, as the end-to-end suite runs
 * it (intervals divided by {@link StackConfig#FACTOR}), scraping several instances of the
 * jar as the crm-api job: the launcher writes the one native target, and this adds the
 * others to the job's target file. No exporter or Alertmanager runs beside it.
 */
final class InstancesPrometheus implements AutoCloseable {

	final PrometheusApi api;

	private final StackProcess process;

	private InstancesPrometheus(PrometheusApi api, StackProcess process) {
		this.api = api;
		this.process = process;
	}

	static InstancesPrometheus start(Path directory, List<Integer> managementPorts, int loadBalancerPort) {
		TargetList targets = TargetList.read();
		Map<Integer, Integer> ports = new HashMap<>();
		targets.nativePorts().forEach((port) -> ports.put(port, EndToEndStack.freePort()));
		ports.put(targets.nativePort("crm-api"), managementPorts.getFirst());
		ports.put(targets.nativePort("blackbox-http"), loadBalancerPort);
		StackFiles files = new StackFiles(directory, ports::get, StackConfig.FACTOR, directory.resolve("secrets"),
				Map.of())
			.write();
		StackConfig.addCrmApiTargets(directory, managementPorts.subList(1, managementPorts.size()));
		StackCommands.Command prometheus = StackCommands.of(files, directory, "unused", "unused").get("prometheus");
		return new InstancesPrometheus(new PrometheusApi(prometheus.port()), prometheus.start(directory));
	}

	@Override
	public void close() {
		this.process.stop();
	}

}
