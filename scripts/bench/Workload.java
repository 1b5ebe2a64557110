import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The four workloads of the benchmark. Each picks its next request from the data that
 * {@link Traffic} seeded into one instance, so every request succeeds: a unique email
 * and {@code Idempotency-Key} per lead, so no 409 or 422 skews the cost of a write.
 */
enum Workload {

	GET("get", "GET one campaign"),

	STATS("stats", "cached stats (Redis)"),

	POST("post", "POST a lead with Idempotency-Key"),

	MIX("mix", "realistic mix");

	final String id;

	final String title;

	Workload(String id, String title) {
		this.id = id;
		this.title = title;
	}

	static Workload of(String id) {
		for (Workload workload : values()) {
			if (workload.id.equals(id.trim())) {
				return workload;
			}
		}
		throw new IllegalArgumentException(
				"Unknown workload '" + id + "'; expected a comma-separated subset of get,stats,post,mix");
	}

	/** A request and the status it must be answered with. */
	record Call(byte[] bytes, int expectedStatus) {
	}

	/**
	 * The mix: mostly reads, as a CRM's API sees them (campaign pages, dashboards of
	 * stats, lead lists), and 15% lead creations, in percent.
	 */
	private static final List<Share> MIX_SHARES = List.of(new Share(40, Kind.CAMPAIGN), new Share(20, Kind.STATS),
			new Share(10, Kind.LEAD), new Share(10, Kind.LEAD_LIST), new Share(5, Kind.CAMPAIGN_LIST),
			new Share(15, Kind.CREATE_LEAD));

	Call next(Traffic traffic, RandomGenerator random) {
		Kind kind = switch (this) {
			case GET -> Kind.CAMPAIGN;
			case STATS -> Kind.STATS;
			case POST -> Kind.CREATE_LEAD;
			case MIX -> pick(random);
		};
		return traffic.call(kind, random);
	}

	private static Kind pick(RandomGenerator random) {
		int roll = random.nextInt(100);
		for (Share share : MIX_SHARES) {
			roll -= share.percent();
			if (roll < 0) {
				return share.kind();
			}
		}
		throw new IllegalStateException("Mix shares do not add up to 100");
	}

	/** The kinds of request a workload is made of. */
	enum Kind {

		CAMPAIGN, STATS, LEAD, LEAD_LIST, CAMPAIGN_LIST, CREATE_LEAD

	}

	private record Share(int percent, Kind kind) {
	}

}
