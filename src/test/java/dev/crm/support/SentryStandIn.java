package dev.crm.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for Sentry's ingestion API: it accepts envelopes on 127.0.0.1, gunzips
 * them and keeps their text, so tests assert exactly what Sentry would receive.
 */
public final class SentryStandIn implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final List<String> envelopes = new CopyOnWriteArrayList<>();

	private SentryStandIn(HttpServer server) {
		this.server = server;
	}

	public static SentryStandIn start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			SentryStandIn standIn = new SentryStandIn(server);
			server.createContext("/", (exchange) -> {
				byte[] body = exchange.getRequestBody().readAllBytes();
				String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
				standIn.envelopes.add(decode(body, "gzip".equalsIgnoreCase(encoding)));
				byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, answer.length);
				exchange.getResponseBody().write(answer);
				exchange.close();
			});
			server.start();
			return standIn;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A DSN that points the Sentry SDK at this stand-in. */
	public String dsn() {
		return "http://public@127.0.0.1:" + this.server.getAddress().getPort() + "/1";
	}

	/** Every envelope received so far, as text. */
	public List<String> envelopes() {
		return List.copyOf(this.envelopes);
	}

	/** The error events received so far. */
	public List<JsonNode> events() {
		return itemsOfType("event");
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
		this.server.stop(0);
	}

	private static String decode(byte[] body, boolean gzipped) throws IOException {
		if (!gzipped) {
			return new String(body, StandardCharsets.UTF_8);
		}
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
