package dev.crm.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.crm.support.StandInServers;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for the receivers we do not own, on MockWebServer: PagerDuty's Events API v2
 * ({@code /pagerduty}), a Slack incoming webhook ({@code /slack}) and the heartbeat's
 * dead man's switch ({@code /heartbeat}). It keeps every request as received, with its
 * arrival time, and answers as the real services do on success.
 */
final class NotificationCapture implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<Notification> received = new CopyOnWriteArrayList<>();

	private final MockWebServer server = StandInServers.start(this::receive);

	private NotificationCapture() {
	}

	static NotificationCapture start() {
		return new NotificationCapture();
	}

	private MockResponse receive(RecordedRequest request) {
		String path = request.getUrl().encodedPath();
		String body = new String(StandInServers.body(request), StandardCharsets.UTF_8);
		this.received
			.add(new Notification(Instant.now(), path, request.getHeaders().get("Authorization"), JSON.readTree(body)));
		// PagerDuty answers 202 with a small JSON body; Slack and webhooks 200.
		return path.equals("/pagerduty") ? new MockResponse.Builder().code(202)
			.body("{\"status\":\"success\",\"message\":\"Event processed\"}")
			.build() : new MockResponse.Builder().body("ok").build();
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getPort() + path;
	}

	/** PagerDuty events (trigger and resolve), in arrival order. */
	List<Notification> pages() {
		return at("/pagerduty");
	}

	/** Slack messages, in arrival order. */
	List<Notification> chats() {
		return at("/slack");
	}

	List<Notification> heartbeats() {
		return at("/heartbeat");
	}

	private List<Notification> at(String path) {
		return this.received.stream().filter((notification) -> notification.path().equals(path)).toList();
	}

	@Override
	public void close() {
		this.server.close();
	}

	/**
	 * One request as a receiver got it.
	 *
	 * @param at when it arrived
	 * @param path which receiver
	 * @param authorization the Authorization header, if any
	 * @param body the JSON body
	 */
	record Notification(Instant at, String path, String authorization, JsonNode body) {

		/** PagerDuty: {@code trigger} or {@code resolve}. */
		String eventAction() {
			return this.body.path("event_action").asString();
		}

		/** PagerDuty: the incident a trigger opens and its resolve closes. */
		String dedupKey() {
			return this.body.path("dedup_key").asString();
		}

		/**
		 * The notification's title, as our template renders it, e.g.
		 * {@code [FIRING:1] ServiceDown (crm-api, critical)}.
		 */
		String title() {
			return this.path.equals("/slack") ? this.body.path("attachments").path(0).path("title").asString()
					: this.body.path("payload").path("summary").asString();
		}

		boolean isAbout(String alertName) {
			return title().contains("] " + alertName + " (");
		}

	}

}
