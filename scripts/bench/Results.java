import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.crm.load.Workload;

/**
 * Every figure of one run, per round and per instance ({@link #DEFAULT}, {@link #OFF},
 * {@link #AGENT}, {@link #ACCESS_LOG_OFF}). A round measures the instances back to back,
 * so the ratio or difference of a round compares measurements taken under the same
 * conditions of the machine.
 */
final class Results {

	/** The default instance: our instrumentation. */
	static final int DEFAULT = 0;

	/** The {@code no-instrumentation} instance: what every ratio divides by. */
	static final int OFF = 1;

	/** The {@code no-instrumentation} instance with the OpenTelemetry Java agent. */
	static final int AGENT = 2;

	/**
	 * The default instance with the access log off: what the access line's cost is
	 * measured against. No ratio divides by it.
	 */
	static final int ACCESS_LOG_OFF = 3;

	static final int INSTANCES = 4;

	/** The target of one access line, in µs of CPU per request (DESIGN.md). */
	static final double ACCESS_LINE_TARGET_US = 5;

	/**
	 * What the benchmark reports, with its unit and its targets (DESIGN.md "Performance"):
	 * an absolute bound on default/off, and whether default/off must also be no worse
	 * than the agent's ratio in the same run.
	 */
	enum Figure {

		CPU("cpu_per_request_us", "CPU per request", "µs", 0, 1.15, false, true),

		ALLOCATION("allocation_per_request_kb", "allocation per request", "KB", 1, null, false, true),

		THROUGHPUT("throughput_rps", "throughput at saturation", "req/s", 0, null, true, true),

		P50("p50_ms", "p50 at the fixed rate", "ms", 1, null, false, false),

		P99("p99_ms", "p99 at the fixed rate", "ms", 1, 1.10, false, false),

		STARTUP("startup_to_ready_s", "startup to ready", "s", 2, null, false, false),

		SCRAPE_P50("scrape_p50_ms", "scrape p50", "ms", 2, null, false, false),

		SCRAPE_P99("scrape_p99_ms", "scrape p99", "ms", 2, null, false, false),

		SCRAPE_SERIES("scrape_series", "series in a scrape", "", 0, null, false, false),

		SCRAPE_SIZE("scrape_kb", "scrape size", "KB", 1, null, false, false);

		static final List<Figure> PER_WORKLOAD = List.of(CPU, ALLOCATION, THROUGHPUT, P50, P99);

		static final List<Figure> SERVICE = List.of(STARTUP, SCRAPE_P50, SCRAPE_P99, SCRAPE_SERIES, SCRAPE_SIZE);

		/** The absolute target of the default instance's scrape p99 (DESIGN.md). */
		static final double SCRAPE_P99_TARGET_MS = 20;

		final String key;

		final String label;

		final String unit;

		final int decimals;

		/** The on/off ratio the design asks for, or null. */
		final Double ratioTarget;

		/** Whether the ratio must be at least (rather than at most) the target. */
		final boolean atLeast;

		/** Whether default/off must also be no worse than the agent's ratio. */
		final boolean versusAgent;

		Figure(String key, String label, String unit, int decimals, Double ratioTarget, boolean atLeast,
				boolean versusAgent) {
			this.key = key;
			this.label = label;
			this.unit = unit;
			this.decimals = decimals;
			this.ratioTarget = ratioTarget;
			this.atLeast = atLeast;
			this.versusAgent = versusAgent;
		}

		boolean hasTarget() {
			return this.ratioTarget != null || this.versusAgent;
		}

		/**
		 * @param ratio default/off
		 * @param agentRatio the agent's ratio to off in the same run, or null
		 */
		boolean meets(double ratio, Double agentRatio) {
			boolean absolute = this.ratioTarget == null
					|| (this.atLeast ? ratio >= this.ratioTarget : ratio <= this.ratioTarget);
			boolean agent = !this.versusAgent || agentRatio == null
					|| (this.atLeast ? ratio >= agentRatio : ratio <= agentRatio);
			return absolute && agent;
		}

		String targetText() {
			String relation = this.atLeast ? "≥ " : "≤ ";
			String text = (this.ratioTarget == null) ? "" : relation + this.ratioTarget + "×";
			if (this.versusAgent) {
				text += (text.isEmpty() ? "" : " and ") + relation + "agent's";
			}
			return text;
		}

	}

	/** One figure's values, per round, for each instance. */
	static final class Samples {

		private final List<List<Double>> values = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
				new ArrayList<>());

		void add(int instance, double value) {
			this.values.get(instance).add(value);
		}

		List<Double> of(int instance) {
			return this.values.get(instance);
		}

		/** Default ÷ no-instrumentation, round by round. */
		List<Double> ratios() {
			return ratios(DEFAULT);
		}

		/**
		 * An instance's value ÷ no-instrumentation's, round by round. A round where either
		 * value is 0 has none: Gatling's latencies are whole milliseconds, and 0 means
		 * under one.
		 */
		List<Double> ratios(int instance) {
			List<Double> ratios = new ArrayList<>();
			int rounds = Math.min(this.values.get(instance).size(), this.values.get(OFF).size());
			for (int r = 0; r < rounds; r++) {
				double on = this.values.get(instance).get(r);
				double off = this.values.get(OFF).get(r);
				if (on > 0 && off > 0) {
					ratios.add(on / off);
				}
			}
			return ratios;
		}

		/**
		 * Default − access-log-off, round by round: with {@link Figure#CPU}, what the
		 * access line costs. A noisy round can make it negative.
		 */
		List<Double> accessLine() {
			List<Double> differences = new ArrayList<>();
			int rounds = Math.min(this.values.get(DEFAULT).size(), this.values.get(ACCESS_LOG_OFF).size());
			for (int r = 0; r < rounds; r++) {
				differences.add(this.values.get(DEFAULT).get(r) - this.values.get(ACCESS_LOG_OFF).get(r));
			}
			return differences;
		}

	}

	/** Median, minimum and maximum of some values. */
	record Spread(double median, double min, double max) {

		static Spread of(List<Double> values) {
			if (values.isEmpty()) {
				throw new IllegalStateException("No values");
			}
			List<Double> sorted = values.stream().sorted().toList();
			int n = sorted.size();
			double median = (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
			return new Spread(median, sorted.getFirst(), sorted.getLast());
		}

	}

	final Map<Workload, Map<Figure, Samples>> workloads = new LinkedHashMap<>();

	/** The fixed arrival rate each workload ran at, per second. */
	final Map<Workload, Double> rates = new EnumMap<>(Workload.class);

	/** Requests answered with another status than expected (or not at all), per instance. */
	final Map<Workload, long[]> unexpected = new EnumMap<>(Workload.class);

	final Map<Figure, Samples> service = new EnumMap<>(Figure.class);

	Samples of(Workload workload, Figure figure) {
		return this.workloads.computeIfAbsent(workload, (key) -> new EnumMap<>(Figure.class))
			.computeIfAbsent(figure, (key) -> new Samples());
	}

	Samples of(Figure figure) {
		return this.service.computeIfAbsent(figure, (key) -> new Samples());
	}

	void countUnexpected(Workload workload, int instance, long count) {
		this.unexpected.computeIfAbsent(workload, (key) -> new long[INSTANCES])[instance] += count;
	}

}
