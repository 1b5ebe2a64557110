package dev.crm.e2e;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/** The HTTP API of the run's Prometheus. */
final class PrometheusApi {

	private final String baseUrl;

	PrometheusApi(int port) {
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	String url() {
		return this.baseUrl;
	}

	/**
	 * Active scrape targets as job and scrape URL to health ({@code up}, {@code down}).
	 */
	Map<String, String> targetHealth() {
		Map<String, String> health = new TreeMap<>();
		for (JsonNode target : Http.get(this.baseUrl + "/api/v1/targets?state=active")
			.expect(200)
			.json()
			.path("data")
			.path("activeTargets")) {
			health.put(target.path("labels").path("job").asString() + " " + target.path("scrapeUrl").asString(),
					target.path("health").asString());
		}
		return health;
	}

	/** Alerts that are pending or firing, as Prometheus evaluates them. */
	List<Alert> alerts() {
		List<Alert> alerts = new ArrayList<>();
		for (JsonNode alert : Http.get(this.baseUrl + "/api/v1/alerts")
			.expect(200)
			.json()
			.path("data")
			.path("alerts")) {
			alerts.add(new Alert(alert.path("labels").path("alertname").asString(), alert.path("state").asString(),
					strings(alert.path("labels")), strings(alert.path("annotations"))));
		}
		return alerts;
	}

	List<Alert> alerts(String name) {
		return alerts().stream().filter((alert) -> alert.name().equals(name)).toList();
	}

	/** An instant query's result vector (or matrix) at {@code time}. */
	JsonNode query(String promql, Instant time) {
		return result(Http.get(this.baseUrl + "/api/v1/query?"
				+ Http.query(Map.of("query", promql, "time", Long.toString(time.getEpochSecond())))));
	}

	JsonNode queryRange(String promql, Instant start, Instant end, long stepSeconds) {
		return result(Http.get(this.baseUrl + "/api/v1/query_range?"
				+ Http.query(Map.of("query", promql, "start", Long.toString(start.getEpochSecond()), "end",
						Long.toString(end.getEpochSecond()), "step", Long.toString(stepSeconds)))));
	}

	/** What Grafana's {@code label_values(selector, label)} lists, sorted. */
	List<String> labelValues(String selector, String label) {
		List<String> values = new ArrayList<>();
		Http.get(this.baseUrl + "/api/v1/label/" + label + "/values?" + Http.query(Map.of("match[]", selector)))
			.expect(200)
			.json()
			.path("data")
			.forEach((value) -> values.add(value.asString()));
		return values.stream().sorted().toList();
	}

	private static JsonNode result(Http.Response response) {
		JsonNode json = response.json();
		if (response.status() != 200 || !"success".equals(json.path("status").asString())) {
			throw new AssertionError("Prometheus query failed: " + response.body());
		}
		return json.path("data").path("result");
	}

	private static Map<String, String> strings(JsonNode node) {
		Map<String, String> values = new TreeMap<>();
		node.properties().forEach((entry) -> values.put(entry.getKey(), entry.getValue().asString()));
		return values;
	}

	/**
	 * One pending or firing alert.
	 *
	 * @param name the alert name
	 * @param state {@code pending} or {@code firing}
	 * @param labels its labels
	 * @param annotations its annotations
	 */
	record Alert(String name, String state, Map<String, String> labels, Map<String, String> annotations) {

		boolean firing() {
			return this.state.equals("firing");
		}

	}

}
