package dev.crm.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The HTTP API (v2) of the run's Alertmanager. */
final class AlertmanagerApi {

	private final String baseUrl;

	AlertmanagerApi(int port) {
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	String url() {
		return this.baseUrl;
	}

	/** Every alert Alertmanager holds as active or suppressed (not resolved). */
	List<Alert> alerts() {
		List<Alert> alerts = new ArrayList<>();
		for (JsonNode alert : Http.get(this.baseUrl + "/api/v2/alerts").expect(200).json()) {
			List<String> inhibitedBy = new ArrayList<>();
			alert.path("status").path("inhibitedBy").forEach((by) -> inhibitedBy.add(by.asString()));
			Map<String, String> labels = new TreeMap<>();
			alert.path("labels")
				.properties()
				.forEach((entry) -> labels.put(entry.getKey(), entry.getValue().asString()));
			alerts.add(new Alert(labels.get("alertname"), alert.path("fingerprint").asString(),
					alert.path("status").path("state").asString(), inhibitedBy, labels));
		}
		return alerts;
	}

	List<Alert> alerts(String name) {
		return alerts().stream().filter((alert) -> name.equals(alert.name())).toList();
	}

	/**
	 * Hands Alertmanager an alert exactly as Prometheus would once it fires: the rule's
	 * labels and annotations plus Prometheus' external labels.
	 */
	void post(Map<String, String> labels, Map<String, String> annotations) {
		ArrayNode body = Http.JSON.createArrayNode();
		ObjectNode alert = body.addObject();
		labels.forEach(alert.putObject("labels")::put);
		annotations.forEach(alert.putObject("annotations")::put);
		Http.post(this.baseUrl + "/api/v2/alerts", body.toString()).expect(200);
	}

	/** Re-reads alertmanager.yml; a configuration it rejects fails the call. */
	void reload() {
		Http.post(this.baseUrl + "/-/reload", "").expect(200);
	}

	/**
	 * An alert in Alertmanager.
	 *
	 * @param name its alertname
	 * @param fingerprint Alertmanager's fingerprint, which {@code inhibitedBy} names
	 * @param state {@code active} or {@code suppressed}
	 * @param inhibitedBy fingerprints of the alerts that inhibit it
	 * @param labels its labels
	 */
	record Alert(String name, String fingerprint, String state, List<String> inhibitedBy, Map<String, String> labels) {

		boolean inhibited() {
			return !this.inhibitedBy.isEmpty();
		}

	}

}
