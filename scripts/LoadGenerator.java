// crm-api load generator: one file, the JDK only (17 or later).
//
//   java scripts/LoadGenerator.java --rate 20 --duration 60s --concurrency 16 --target http://127.0.0.1:8080
//
// Open loop: request i is due at start + i/rate whether or not earlier ones have answered,
// and its latency is measured from that due time, so a slow service shows as latency
// rather than as a lower rate (no coordinated omission). When every worker is busy, due
// requests wait in a queue and that wait counts. The mix is what a CRM front end sends:
// reads, lead creations with Idempotency-Key (some retried with the same key), conversions,
// unknown ids (404) and invalid bodies (400). Every request carries a W3C traceparent; one
// in ten is marked sampled, like an upstream head sampler would.
// At the end (or on Ctrl-C) it prints the achieved rate, status counts and latency
// percentiles.

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class LoadGenerator {

	/** What a request of each kind does, and how often it is picked (weights sum to 100). */
	enum Kind {

		GET_CAMPAIGN(22), CAMPAIGN_STATS(14), LIST_CAMPAIGNS(8), GET_LEAD(16), LIST_LEADS(6), CREATE_LEAD(14),
		RETRY_LEAD(5), CONVERT_LEAD(5), CREATE_CAMPAIGN(2), UNKNOWN_LEAD(5), INVALID_LEAD(3);

		final int weight;

		Kind(int weight) {
			this.weight = weight;
		}

	}

	record Options(URI target, double rate, Duration duration, int concurrency) {

		static Options parse(String[] args) {
			Map<String, String> values = new TreeMap<>(Map.of("--target", "http://127.0.0.1:8080", "--rate", "20",
					"--duration", "60s", "--concurrency", "16"));
			for (int i = 0; i < args.length; i++) {
				if (args[i].equals("--help") || args[i].equals("-h")) {
					usage(null);
				}
				if (!values.containsKey(args[i]) || i + 1 == args.length) {
					usage("unknown option, or an option without a value: " + args[i]);
				}
				values.put(args[i], args[++i]);
			}
			Options options = new Options(URI.create(values.get("--target").replaceAll("/+$", "")),
					Double.parseDouble(values.get("--rate")), duration(values.get("--duration")),
					Integer.parseInt(values.get("--concurrency")));
			if (options.rate <= 0 || options.concurrency <= 0 || options.duration.isZero()) {
				usage("rate, duration and concurrency must be positive");
			}
			return options;
		}

		static Duration duration(String text) {
			Matcher matcher = Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(text);
			if (!matcher.matches()) {
				usage("a duration is a number with ms, s, m or h: " + text);
			}
			long amount = Long.parseLong(matcher.group(1));
			return switch (matcher.group(2) == null ? "s" : matcher.group(2)) {
				case "ms" -> Duration.ofMillis(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				default -> Duration.ofSeconds(amount);
			};
		}

		static void usage(String problem) {
			if (problem != null) {
				System.err.println("LoadGenerator: " + problem);
			}
			System.err.println("""
					usage: java scripts/LoadGenerator.java [--target URL] [--rate REQUESTS_PER_SECOND]
					                                      [--duration 60s|5m|...] [--concurrency WORKERS]
					defaults: --target http://127.0.0.1:8080 --rate 20 --duration 60s --concurrency 16""");
			System.exit(problem == null ? 0 : 2);
		}

	}

	/** A lead creation the generator may send again with the same key: an idempotent retry. */
	record Creation(String key, String body) {
	}

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

	private final Options options;

	private final HttpClient client;

	private final List<Long> campaigns = new CopyOnWriteArrayList<>();

	private final List<Long> newLeads = Collections.synchronizedList(new ArrayList<>());

	private final List<Long> leads = Collections.synchronizedList(new ArrayList<>());

	private final List<Creation> creations = Collections.synchronizedList(new ArrayList<>());

	private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();

	private final List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());

	private final AtomicLong sent = new AtomicLong();

	private final AtomicBoolean reported = new AtomicBoolean();

	private volatile long startNanos;

	private volatile long endNanos;

	LoadGenerator(Options options) {
		this.options = options;
		this.client = HttpClient.newBuilder()
			// Plain HTTP/1.1 like the browsers and services in front of the API; no h2c upgrade.
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
	}

	public static void main(String[] args) throws Exception {
		LoadGenerator generator = new LoadGenerator(Options.parse(args));
		Runtime.getRuntime().addShutdownHook(new Thread(generator::report));
		generator.seed();
		generator.run();
		generator.report();
	}

	/** A few campaigns and leads to read, created before the clock starts. */
	void seed() {
		for (int i = 0; i < 3; i++) {
			HttpResponse<String> campaign;
			try {
				campaign = this.client.send(post("/api/v1/campaigns", campaignJson()),
						HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException | InterruptedException ex) {
				System.err.println("LoadGenerator: cannot reach " + this.options.target + ": " + ex);
				System.exit(1);
				return;
			}
			if (campaign.statusCode() != 201) {
				System.err.println("LoadGenerator: cannot create a campaign at " + this.options.target + " ("
						+ campaign.statusCode() + " " + campaign.body() + ")");
				System.exit(1);
			}
			long id = id(campaign.body());
			this.campaigns.add(id);
			for (int j = 0; j < 3; j++) {
				HttpResponse<String> lead = send(post("/api/v1/leads", leadJson(id)));
				if (lead != null && lead.statusCode() == 201) {
					remember(id(lead.body()));
				}
			}
		}
	}

	void run() throws InterruptedException {
		long total = (long) Math.floor(this.options.rate * this.options.duration.toNanos() / 1e9);
		double intervalNanos = 1e9 / this.options.rate;
		System.err.printf("LoadGenerator: %d requests at %.1f/s over %s with %d workers against %s%n", total,
				this.options.rate, this.options.duration, this.options.concurrency, this.options.target);
		ExecutorService workers = Executors.newFixedThreadPool(this.options.concurrency);
		this.startNanos = System.nanoTime();
		long nextProgress = this.startNanos + TimeUnit.SECONDS.toNanos(10);
		for (long i = 0; i < total; i++) {
			long due = this.startNanos + (long) (i * intervalNanos);
			LockSupport.parkNanos(due - System.nanoTime());
			workers.execute(() -> call(due));
			if (System.nanoTime() >= nextProgress) {
				nextProgress += TimeUnit.SECONDS.toNanos(10);
				System.err.printf("LoadGenerator: %ds, %d sent, %s%n",
						TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - this.startNanos), this.sent.get(),
						new TreeMap<>(this.statuses));
			}
		}
		workers.shutdown();
		workers.awaitTermination(1, TimeUnit.MINUTES);
		this.endNanos = System.nanoTime();
	}

	private void call(long due) {
		Kind kind = pick();
		HttpRequest request = request(kind);
		HttpResponse<String> response;
		String outcome;
		try {
			response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			outcome = Integer.toString(response.statusCode());
		}
		catch (IOException ex) {
			response = null;
			outcome = "error:" + ex.getClass().getSimpleName();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		this.latenciesMicros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - due));
		this.sent.incrementAndGet();
		this.statuses.computeIfAbsent(outcome, (key) -> new LongAdder()).increment();
		if (response != null) {
			learn(kind, response);
		}
	}

	private static Kind pick() {
		int draw = ThreadLocalRandom.current().nextInt(100);
		for (Kind kind : Kind.values()) {
			draw -= kind.weight;
			if (draw < 0) {
				return kind;
			}
		}
		return Kind.GET_CAMPAIGN;
	}

	private HttpRequest request(Kind kind) {
		long campaign = any(this.campaigns, 1L);
		return switch (kind) {
			case GET_CAMPAIGN -> get("/api/v1/campaigns/" + campaign);
			case CAMPAIGN_STATS -> get("/api/v1/campaigns/" + campaign + "/stats");
			case LIST_CAMPAIGNS -> get("/api/v1/campaigns?page=0&size=20");
			case GET_LEAD -> get("/api/v1/leads/" + any(this.leads, 1L));
			case LIST_LEADS -> get("/api/v1/leads?campaignId=" + campaign + "&status=NEW&page=0&size=20");
			case CREATE_LEAD -> {
				Creation creation = new Creation(UUID.randomUUID().toString(), leadJson(campaign));
				remember(this.creations, creation);
				yield post("/api/v1/leads", creation.body(), "Idempotency-Key", creation.key());
			}
			case RETRY_LEAD -> {
				Creation creation = any(this.creations, null);
				yield (creation != null) ? post("/api/v1/leads", creation.body(), "Idempotency-Key", creation.key())
						: get("/api/v1/leads/" + any(this.leads, 1L));
			}
			case CONVERT_LEAD -> post("/api/v1/leads/" + takeNewLead() + "/conversion", "");
			case CREATE_CAMPAIGN -> post("/api/v1/campaigns", campaignJson());
			case UNKNOWN_LEAD -> get("/api/v1/leads/" + (9_000_000_000L + ThreadLocalRandom.current().nextInt(1_000_000)));
			case INVALID_LEAD -> post("/api/v1/leads", "{\"campaignId\":" + campaign + ",\"email\":\"not-an-email\","
					+ "\"name\":\"\",\"source\":\"WEB_FORM\"}");
		};
	}

	private void learn(Kind kind, HttpResponse<String> response) {
		if (response.statusCode() != 201) {
			return;
		}
		if (kind == Kind.CREATE_LEAD) {
			remember(id(response.body()));
		}
		else if (kind == Kind.CREATE_CAMPAIGN && this.campaigns.size() < 50) {
			this.campaigns.add(id(response.body()));
		}
	}

	private void remember(long lead) {
		remember(this.leads, lead);
		remember(this.newLeads, lead);
	}

	/** Keeps the latest 1000 entries: enough variety, bounded memory. */
	private static <T> void remember(List<T> list, T value) {
		synchronized (list) {
			list.add(value);
			if (list.size() > 1000) {
				list.remove(0);
			}
		}
	}

	private long takeNewLead() {
		synchronized (this.newLeads) {
			return this.newLeads.isEmpty() ? any(this.leads, 1L)
					: this.newLeads.remove(ThreadLocalRandom.current().nextInt(this.newLeads.size()));
		}
	}

	private static <T> T any(List<T> list, T fallback) {
		synchronized (list) {
			return list.isEmpty() ? fallback : list.get(ThreadLocalRandom.current().nextInt(list.size()));
		}
	}

	private HttpRequest get(String path) {
		return builder(path).GET().build();
	}

	private HttpRequest post(String path, String json, String... headers) {
		HttpRequest.Builder builder = builder(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		for (int i = 0; i < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		return builder.build();
	}

	private HttpRequest.Builder builder(String path) {
		return HttpRequest.newBuilder(URI.create(this.options.target + path))
			.timeout(Duration.ofSeconds(15))
			.header("Accept", "application/json")
			.header("traceparent", traceparent())
			.header("User-Agent", "crm-load-generator");
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/** version 00, a fresh trace and parent span, sampled one time in ten. */
	private static String traceparent() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		HexFormat hex = HexFormat.of();
		String traceId = hex.toHexDigits(random.nextLong() | 1) + hex.toHexDigits(random.nextLong());
		String spanId = hex.toHexDigits(random.nextLong() | 1);
		return "00-" + traceId + "-" + spanId + (random.nextInt(10) == 0 ? "-01" : "-00");
	}

	private static String campaignJson() {
		String[] channels = { "EMAIL", "SOCIAL", "SEARCH", "DISPLAY", "EVENT", "REFERRAL" };
		return "{\"name\":\"Load " + UUID.randomUUID() + "\",\"channel\":\""
				+ channels[ThreadLocalRandom.current().nextInt(channels.length)] + "\"}";
	}

	private static String leadJson(long campaign) {
		String[] sources = { "WEB_FORM", "LANDING_PAGE", "REFERRAL", "IMPORT", "EVENT", "OTHER" };
		return "{\"campaignId\":" + campaign + ",\"email\":\"load-" + UUID.randomUUID() + "@example.com\","
				+ "\"name\":\"Load Test\",\"source\":\"" + sources[ThreadLocalRandom.current().nextInt(sources.length)]
				+ "\"}";
	}

	private static long id(String body) {
		Matcher matcher = ID.matcher(body);
		return matcher.find() ? Long.parseLong(matcher.group(1)) : 1L;
	}

	void report() {
		if (this.startNanos == 0 || !this.reported.compareAndSet(false, true)) {
			return;
		}
		long end = (this.endNanos != 0) ? this.endNanos : System.nanoTime();
		double seconds = (end - this.startNanos) / 1e9;
		List<Long> latencies;
		synchronized (this.latenciesMicros) {
			latencies = new ArrayList<>(this.latenciesMicros);
		}
		Collections.sort(latencies);
		Function<Double, String> percentile = (p) -> latencies.isEmpty() ? "-"
				: String.format("%.1f ms", latencies.get((int) Math.min(latencies.size() - 1,
						Math.ceil(p / 100 * latencies.size()) - 1)) / 1000.0);
		System.out.printf("%nrequests      %d in %.1f s%n", latencies.size(), seconds);
		System.out.printf("rate          %.1f/s achieved, %.1f/s asked%n", latencies.size() / seconds,
				this.options.rate);
		System.out.println("statuses      " + new TreeMap<>(this.statuses));
		System.out.printf("latency       p50 %s  p90 %s  p95 %s  p99 %s  max %s (from each request's due time)%n",
				percentile.apply(50.0), percentile.apply(90.0), percentile.apply(95.0), percentile.apply(99.0),
				percentile.apply(100.0));
	}

}
