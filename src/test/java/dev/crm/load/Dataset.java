package dev.crm.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import dev.crm.support.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows every workload reads, and the values each virtual user sends. Before the load
 * starts, {@link #prepare} finds the first {@value #CAMPAIGNS} campaigns and their first
 * {@value #LEADS_PER_CAMPAIGN} leads, creating whatever is missing; a second run against
 * the same service (each round of the benchmark) creates nothing, so every run reads the
 * same rows and the tables do not grow between rounds.
 */
public final class Dataset {

	public static final int CAMPAIGNS = 20;

	public static final int LEADS_PER_CAMPAIGN = 10;

	private static final String[] CHANNELS = { "EMAIL", "SOCIAL", "SEARCH", "DISPLAY", "EVENT", "REFERRAL" };

	private static final String[] SOURCES = { "WEB_FORM", "LANDING_PAGE", "REFERRAL", "IMPORT", "EVENT", "OTHER" };

	/**
	 * The leads created during the run, kept for conversions and retries: enough variety.
	 */
	private static final int REMEMBERED = 1000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The API needs a bearer token: {@code -Dtoken=$TOKEN} (the dev launcher prints one),
	 * else the test key pair's, which the test contexts and the end-to-end jar trust.
	 */
	static final String AUTHORIZATION = "Bearer " + System.getProperty("token", TestTokens.VALID);

	private final long[] campaigns;

	private final long[] leads;

	/** Unique per run, so that no email or Idempotency-Key repeats across runs. */
	private final String tag = Long.toString(System.currentTimeMillis(), 36);

	private final AtomicLong sequence = new AtomicLong();

	private final ConcurrentLinkedDeque<Long> unconverted = new ConcurrentLinkedDeque<>();

	private final ConcurrentLinkedDeque<Map<String, Object>> creations = new ConcurrentLinkedDeque<>();

	private Dataset(long[] campaigns, long[] leads) {
		this.campaigns = campaigns;
		this.leads = leads;
	}

	/** Finds or creates the rows the workloads read, through the service's own API. */
	public static Dataset prepare(String target) {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		try {
			List<Long> campaigns = ids(
					call(client, target, "GET", "/api/v1/campaigns?page=0&size=" + CAMPAIGNS, null, 200));
			for (int c = campaigns.size(); c < CAMPAIGNS; c++) {
				String body = "{\"name\":\"Load campaign " + (c + 1) + "\",\"channel\":\""
						+ CHANNELS[c % CHANNELS.length] + "\"}";
				campaigns.add(call(client, target, "POST", "/api/v1/campaigns", body, 201).path("id").asLong());
			}
			List<Long> leads = new ArrayList<>();
			for (long campaign : campaigns) {
				List<Long> found = ids(call(client, target, "GET",
						"/api/v1/leads?campaignId=" + campaign + "&page=0&size=" + LEADS_PER_CAMPAIGN, null, 200));
				for (int l = found.size(); l < LEADS_PER_CAMPAIGN; l++) {
					String body = "{\"campaignId\":" + campaign + ",\"email\":\"seed-" + campaign + "-" + l
							+ "@load.example\",\"name\":\"Seed Lead " + l + "\",\"source\":\""
							+ SOURCES[l % SOURCES.length] + "\"}";
					found.add(call(client, target, "POST", "/api/v1/leads", body, 201).path("id").asLong());
				}
				leads.addAll(found);
			}
			return new Dataset(campaigns.stream().mapToLong(Long::longValue).toArray(),
					leads.stream().mapToLong(Long::longValue).toArray());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot prepare the rows the load reads at " + target + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while preparing the rows the load reads", ex);
		}
	}

	/** The ids of the campaigns every workload reads. */
	public long[] campaigns() {
		return this.campaigns.clone();
	}

	/** The ids of the leads every workload reads. */
	public long[] leads() {
		return this.leads.clone();
	}

	private static JsonNode call(HttpClient client, String target, String method, String path, String body,
			int expected) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/json")
			.header("Authorization", AUTHORIZATION);
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != expected) {
			throw new IOException(method + " " + path + " answered " + response.statusCode() + ", not " + expected);
		}
		return JSON.readTree(response.body());
	}

	private static List<Long> ids(JsonNode page) {
		List<Long> ids = new ArrayList<>();
		page.path("items").forEach((item) -> ids.add(item.path("id").asLong()));
		return ids;
	}

	/**
	 * What each virtual user sends: a seeded campaign and lead, a lead to create with a
	 * unique email and Idempotency-Key, and a W3C {@code traceparent}.
	 */
	Iterator<Map<String, Object>> feeder() {
		return new Iterator<>() {

			@Override
			public boolean hasNext() {
				return true;
			}

			@Override
			public Map<String, Object> next() {
				ThreadLocalRandom random = ThreadLocalRandom.current();
				long campaign = Dataset.this.campaigns[random.nextInt(Dataset.this.campaigns.length)];
				String key = Dataset.this.tag + "-" + Dataset.this.sequence.incrementAndGet();
				String lead = "{\"campaignId\":" + campaign + ",\"email\":\"load-" + key
						+ "@load.example\",\"name\":\"Load Lead\",\"source\":\""
						+ SOURCES[random.nextInt(SOURCES.length)] + "\"}";
				return Map.of("campaignId", campaign, "leadId",
						Dataset.this.leads[random.nextInt(Dataset.this.leads.length)], "key", key, "lead", lead,
						"campaign",
						"{\"name\":\"Load campaign " + key + "\",\"channel\":\""
								+ CHANNELS[random.nextInt(CHANNELS.length)] + "\"}",
						"unknownLeadId", 9_000_000_000L + random.nextInt(1_000_000), "traceparent",
						traceparent(random));
			}

		};
	}

	/**
	 * A lead this run created: converted later, and its request sent again as a retry.
	 */
	void created(long leadId, String key, String body) {
		this.unconverted.addLast(leadId);
		this.creations.addLast(Map.of("retryKey", key, "retryLead", body));
		// Deque sizes are counted, not kept, but they stay small: a realistic run creates
		// a
		// few leads a second.
		while (this.unconverted.size() > REMEMBERED) {
			this.unconverted.pollFirst();
		}
		while (this.creations.size() > REMEMBERED) {
			this.creations.pollFirst();
		}
	}

	/** A lead created during the run and not yet converted, or null before the first. */
	Long unconverted() {
		return this.unconverted.pollLast();
	}

	/**
	 * An earlier creation's key and body (a client's retry), or null before the first.
	 */
	Map<String, Object> earlierCreation() {
		return this.creations.peekLast();
	}

	/**
	 * Version 00, a fresh trace and parent span, sampled one time in ten like a head
	 * sampler.
	 */
	private static String traceparent(ThreadLocalRandom random) {
		HexFormat hex = HexFormat.of();
		String traceId = hex.toHexDigits(random.nextLong() | 1) + hex.toHexDigits(random.nextLong());
		String spanId = hex.toHexDigits(random.nextLong() | 1);
		return "00-" + traceId + "-" + spanId + ((random.nextInt(10) == 0) ? "-01" : "-00");
	}

}
