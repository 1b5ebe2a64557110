package dev.crm.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for the receivers we do not own: PagerDuty's Events API v2
 * ({@code /pagerduty}), a Slack incoming webhook ({@code /slack}) and the heartbeat's
 * dead man's switch ({@code /heartbeat}). It keeps every request as received, with its
 * arrival time, and answers as the real services do on success.
 */
final class NotificationCapture implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final List<Notification> received = new CopyOnWriteArrayList<>();

	private NotificationCapture(HttpServer server) {
		this.server = server;
	}

	static NotificationCapture start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			NotificationCapture capture = new NotificationCapture(server);
			server.createContext("/", (exchange) -> {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				capture.received.add(new Notification(Instant.now(), exchange.getRequestURI().getPath(),
						exchange.getRequestHeaders().getFirst("Authorization"), JSON.readTree(body)));
				// PagerDuty answers 202 with a small JSON body; Slack and webhooks 200.
				boolean pagerDuty = exchange.getRequestURI().getPath().equals("/pagerduty");
				byte[] answer = (pagerDuty ? "{\"status\":\"success\",\"message\":\"Event processed\"}" : "ok")
					.getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(pagerDuty ? 202 : 200, answer.length);
				exchange.getResponseBody().write(answer);
				exchange.close();
			});
			server.start();
			return capture;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
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
		this.server.stop(0);
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
