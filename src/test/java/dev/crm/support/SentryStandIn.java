package dev.crm.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for Sentry's ingestion API, on MockWebServer: it accepts envelopes on
 * 127.0.0.1, gunzips them and keeps their text, so tests assert exactly what Sentry would
 * receive.
 */
public final class SentryStandIn implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<String> envelopes = new CopyOnWriteArrayList<>();

	private final MockWebServer server = StandInServers.start((request) -> {
		this.envelopes.add(new String(StandInServers.body(request), StandardCharsets.UTF_8));
		return new MockResponse.Builder().body("{}").build();
	});

	private SentryStandIn() {
	}

	public static SentryStandIn start() {
		return new SentryStandIn();
	}

	/** A DSN that points the Sentry SDK at this stand-in. */
	public String dsn() {
		return "http://public@127.0.0.1:" + this.server.getPort() + "/1";
	}

	/** Every envelope received so far, as text. */
	public List<String> envelopes() {
		return List.copyOf(this.envelopes);
	}

	/** The error events received so far. */
	public List<JsonNode> events() {
		return itemsOfType("event");
	}

	/** The cron check-ins received so far (scheduled jobs, dev.crm.jobs). */
	public List<JsonNode> checkIns() {
		return itemsOfType("check_in");
	}

	/** The types of every item received so far (event, transaction, client_report...). */
	public List<String> itemTypes() {
		List<String> types = new ArrayList<>();
		for (String envelope : this.envelopes) {
			for (String line : envelope.split("\n")) {
				JsonNode node = JSON.readTree(line);
				if (node.has("type") && node.has("length")) {
					types.add(node.get("type").asString());
				}
			}
		}
		return types;
	}

	private List<JsonNode> itemsOfType(String type) {
		List<JsonNode> items = new ArrayList<>();
		for (String envelope : this.envelopes) {
			String[] lines = envelope.split("\n");
			for (int i = 1; i + 1 < lines.length; i++) {
				JsonNode header = JSON.readTree(lines[i]);
				if (type.equals(header.path("type").asString(null))) {
					items.add(JSON.readTree(lines[i + 1]));
				}
			}
		}
		return items;
	}

	@Override
	public void close() {
		this.server.close();
	}

}
