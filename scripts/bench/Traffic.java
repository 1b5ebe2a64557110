import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * The data one instance serves during the benchmark, seeded through its own API, and the
 * prebuilt requests that read it. Both instances get identical seeds in the same order,
 * so they answer the same queries over the same rows.
 */
final class Traffic {

	static final int CAMPAIGNS = 20;

	static final int LEADS_PER_CAMPAIGN = 10;

	private static final String[] CHANNELS = { "EMAIL", "SOCIAL", "SEARCH", "DISPLAY", "EVENT", "REFERRAL" };

	private static final String[] SOURCES = { "WEB_FORM", "LANDING_PAGE", "REFERRAL", "IMPORT", "EVENT", "OTHER" };

	private final String tag;

	private final long[] campaignIds = new long[CAMPAIGNS];

	private final byte[][] campaignGets = new byte[CAMPAIGNS][];

	private final byte[][] statsGets = new byte[CAMPAIGNS][];

	private final byte[][] leadListGets = new byte[CAMPAIGNS][];

	private final byte[][] leadGets = new byte[CAMPAIGNS * LEADS_PER_CAMPAIGN][];

	private final byte[] campaignListGet = HttpConnection.request("GET", "/api/v1/campaigns?page=0&size=20", null,
			null);

	/** Makes every created lead's email and Idempotency-Key unique within the run. */
	private final AtomicLong sequence = new AtomicLong();

	/**
	 * @param tag unique per instance and run, so no email or key ever repeats
	 */
	Traffic(String tag) {
		this.tag = tag;
	}

	/** Creates the campaigns and leads every workload reads. */
	void seed(int port) throws IOException {
		try (HttpConnection connection = new HttpConnection(port)) {
			for (int c = 0; c < CAMPAIGNS; c++) {
				String body = "{\"name\":\"Bench campaign " + (c + 1) + "\",\"channel\":\"" + CHANNELS[c % CHANNELS.length]
						+ "\"}";
				long id = created(connection, HttpConnection.request("POST", "/api/v1/campaigns", null, body));
				this.campaignIds[c] = id;
				this.campaignGets[c] = HttpConnection.request("GET", "/api/v1/campaigns/" + id, null, null);
				this.statsGets[c] = HttpConnection.request("GET", "/api/v1/campaigns/" + id + "/stats", null, null);
				this.leadListGets[c] = HttpConnection.request("GET", "/api/v1/leads?campaignId=" + id + "&size=20",
						null, null);
				for (int l = 0; l < LEADS_PER_CAMPAIGN; l++) {
					long lead = created(connection, createLead(c, SOURCES[l % SOURCES.length]).bytes());
					this.leadGets[c * LEADS_PER_CAMPAIGN + l] = HttpConnection.request("GET", "/api/v1/leads/" + lead,
							null, null);
				}
			}
		}
	}

	private static long created(HttpConnection connection, byte[] request) throws IOException {
		int status = connection.exchange(request, false);
		if (status != 201 || connection.location == null) {
			throw new IOException("Seeding expected 201 with Location, got " + status);
		}
		return Long.parseLong(connection.location.substring(connection.location.lastIndexOf('/') + 1));
	}

	Workload.Call call(Workload.Kind kind, RandomGenerator random) {
		return switch (kind) {
			case CAMPAIGN -> new Workload.Call(this.campaignGets[random.nextInt(CAMPAIGNS)], 200);
			case STATS -> new Workload.Call(this.statsGets[random.nextInt(CAMPAIGNS)], 200);
			case LEAD -> new Workload.Call(this.leadGets[random.nextInt(this.leadGets.length)], 200);
			case LEAD_LIST -> new Workload.Call(this.leadListGets[random.nextInt(CAMPAIGNS)], 200);
			case CAMPAIGN_LIST -> new Workload.Call(this.campaignListGet, 200);
			case CREATE_LEAD -> createLead(random.nextInt(CAMPAIGNS), SOURCES[random.nextInt(SOURCES.length)]);
		};
	}

	private Workload.Call createLead(int campaign, String source) {
		long n = this.sequence.incrementAndGet();
		String key = this.tag + "-" + n;
		String body = "{\"campaignId\":" + this.campaignIds[campaign] + ",\"email\":\"lead-" + key
				+ "@bench.example\",\"name\":\"Bench Lead " + n + "\",\"source\":\"" + source + "\"}";
		return new Workload.Call(HttpConnection.request("POST", "/api/v1/leads", "Idempotency-Key: " + key + "\r\n",
				body), 201);
	}

}
