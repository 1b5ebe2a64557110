package dev.crm.monitoring;

import java.util.Set;

/**
 * What {@code alloy/config.alloy} makes of a log line in Loki: its stream labels and its
 * structured metadata. Grafana's links and the logs panel must use these names.
 */
final class AlloyLabels {

	private AlloyLabels() {
	}

	static Set<String> labels() {
		return stage("stage.labels");
	}

	static Set<String> structuredMetadata() {
		return stage("stage.structured_metadata");
	}

	private static Set<String> stage(String name) {
		return AlloyConfig.parse(MonitoringStack.read(MonitoringStack.ROOT.resolve("alloy/config.alloy")))
			.stream()
			.filter((component) -> component.name().equals("loki.process"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no loki.process in alloy/config.alloy"))
			.block(name)
			.object("values")
			.keySet();
	}

}
