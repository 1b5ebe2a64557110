package dev.crm.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client for the running application. It never throws on an error status, so
 * tests assert on status, headers and body alike.
 */
public final class Api {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int port;

	private final String baseUrl;

	/** The {@code Authorization} header sent unless a request sets its own. */
	private final String authorization;

	/** A client sending {@link TestTokens#VALID}, as every API client must. */
	public Api(int port) {
		this(port, "Bearer " + TestTokens.VALID);
	}

	private Api(int port, String authorization) {
		this.port = port;
		this.baseUrl = "http://127.0.0.1:" + port;
		this.authorization = authorization;
	}

	/** The same client with another bearer token. */
	public Api withToken(String token) {
		return new Api(this.port, "Bearer " + token);
	}

	/** The same client with no {@code Authorization} header at all. */
	public Api withoutToken() {
		return new Api(this.port, null);
	}

	public int port() {
		return this.port;
	}

	public Response get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET(), Map.of());
	}

	public Response postJson(String path, String body) {
		return postJson(path, body, Map.of());
	}

	public Response postJson(String path, String body, Map<String, String> headers) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)), headers);
	}

	public Response send(HttpRequest.Builder request, Map<String, String> headers) {
		if (this.authorization != null && headers.keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
			request.header("Authorization", this.authorization);
		}
		headers.forEach(request::header);
		request.timeout(Duration.ofSeconds(30));
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Request failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public URI uri(String path) {
		return URI.create(this.baseUrl + path);
	}

	/** Creates a campaign and returns its id. */
	public long createCampaign(String name) {
		Response response = postJson("/api/v1/campaigns", "{\"name\":\"" + name + "\",\"channel\":\"EMAIL\"}");
		if (response.status() != 201) {
			throw new IllegalStateException("Campaign not created: " + response.status() + " " + response.body());
		}
		return response.json().get("id").asLong();
	}

	/** Creates a lead and returns its id. */
	public long createLead(long campaignId, String email) {
		Response response = postJson("/api/v1/leads", leadJson(campaignId, email));
		if (response.status() != 201) {
			throw new IllegalStateException("Lead not created: " + response.status() + " " + response.body());
		}
		return response.json().get("id").asLong();
	}

	/** The campaign's stats, asserting a 200. */
	public JsonNode stats(long campaignId) {
		Response response = get("/api/v1/campaigns/" + campaignId + "/stats");
		if (response.status() != 200) {
			throw new IllegalStateException("Stats not served: " + response.status() + " " + response.body());
		}
		return response.json();
	}

	public static String leadJson(long campaignId, String email) {
		return "{\"campaignId\":" + campaignId + ",\"email\":\"" + email
				+ "\",\"name\":\"Ada Lovelace\",\"source\":\"WEB_FORM\"}";
	}

	public record Response(HttpResponse<String> raw) {

		public int status() {
			return this.raw.statusCode();
		}

		public String body() {
			return this.raw.body();
		}

		public String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

		public JsonNode json() {
			return JSON.readTree(this.raw.body());
		}

	}

}
