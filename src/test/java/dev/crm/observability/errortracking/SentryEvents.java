package dev.crm.observability.errortracking;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.crm.support.Api;
import dev.crm.support.SentryStandIn;
import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/** Picks the events of one request out of what the Sentry stand-in received. */
public final class SentryEvents {

	private SentryEvents() {
	}

	public static List<JsonNode> withRequestId(SentryStandIn sentry, String requestId) {
		return sentry.events()
			.stream()
			.filter((event) -> requestId.equals(event.at("/tags/request_id").asString(null)))
			.toList();
	}

	static JsonNode awaitEvent(SentryStandIn sentry, String requestId) {
		return await().atMost(Duration.ofSeconds(20))
			.until(() -> withRequestId(sentry, requestId), (events) -> !events.isEmpty())
			.get(0);
	}

	/**
	 * Causes a 5xx and waits for its event. Events are sent in order by one thread, so
	 * once it has arrived, any event for a request answered before it would have arrived
	 * too.
	 */
	public static void fence(Api api, SentryStandIn sentry, String requestId) {
		api.send(HttpRequest.newBuilder(api.uri("/test/failures/fence")).GET(), Map.of("X-Request-ID", requestId));
		awaitEvent(sentry, requestId);
	}

	static String envelopeOf(SentryStandIn sentry, String eventId) {
		return sentry.envelopes().stream().filter((envelope) -> envelope.contains(eventId)).findFirst().orElseThrow();
	}

}
