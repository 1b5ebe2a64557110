package dev.crm.monitoring;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

/**
 * Writes prometheus/tests/synthetic_days_test.yml: eight days of one-minute samples with
 * a daily cycle, growth and noise, for the predictive and anomaly rules (prediction.yml,
 * anomaly.yml). Seven clean days, then day 8 with one injected incident per alert. Eight
 * days of noisy samples cannot be written by hand, and a file nobody can regenerate is a
 * file nobody dares to change; {@code SyntheticDaysTests} keeps the checked-in file equal
 * to what this class writes.
 * <p>
 * The noise comes from a seeded {@link Random}, whose algorithm the JDK specifies, so the
 * file is the same on every machine. Counters and gauges are whole numbers, and runs of a
 * constant step are written in promtool's {@code a+bxn} notation, which keeps the file
 * small.
 * <p>
 * The expected results (when an alert fires, when it resolves) are what the rules must
 * do, written here as the test's expectations; promtool checks them.
 */
final class SyntheticDays {

	/** The one command that rewrites the test file. */
	static final String REGENERATE = "./mvnw -q test -Dtest=SyntheticDaysTests -Dsynthetic.write=true";

	static final int DAY = 1440;

	static final int HOUR = 60;

	/** Minutes of samples: eight days and one sample. */
	static final int MINUTES = 8 * DAY;

	/** The last minute of the seven clean days. */
	static final int CLEAN_UNTIL = 7 * DAY;

	/**
	 * The window of the SLO records the anomaly rules read, in minutes: the test feeds
	 * {@code service:slo_requests:rate5m} and its error ratio as slo.yml would record
	 * them, because evaluating slo.yml's 30-day windows over eight days of samples is
	 * more than promtool allows.
	 */
	private static final int RATE_WINDOW = 5;

	private static final MathContext DIGITS = new MathContext(4);

	/** Noise changes every five minutes: a five-minute rate is what the rules read. */
	private static final int SEGMENT = 5;

	/**
	 * Day 8, 02:00: three times the usual traffic for 30 minutes (the daily baseline).
	 */
	static final Incident SURGE = new Incident(7 * DAY + 2 * HOUR, 30);

	/**
	 * Day 8, 14:00: a tenth of the usual traffic for 30 minutes (the weekly baseline).
	 */
	static final Incident DROP = new Incident(7 * DAY + 14 * HOUR, 30);

	/**
	 * Day 8, 06:00: the disk fills linearly and is full at 12:00, cleaned up at 12:30.
	 */
	static final Incident DISK_FILL = new Incident(7 * DAY + 6 * HOUR, 6 * HOUR);

	/** Day 8, 08:00: a connection leak exhausts the pool at 11:00; a restart at 11:30. */
	static final Incident POOL_LEAK = new Incident(7 * DAY + 8 * HOUR, 3 * HOUR);

	/** Day 8, 15:00: a memory leak fills the heap at 19:00; the JVM restarts at 19:30. */
	static final Incident HEAP_LEAK = new Incident(7 * DAY + 15 * HOUR, 4 * HOUR);

	/** How long an exhausted resource stays exhausted before someone steps in. */
	static final int EXHAUSTED_FOR = 30;

	static final long DISK_SIZE = 100_000_000_000L;

	static final int POOL_MAX = 10;

	static final long HEAP_MAX = 1_000_000_000L;

	private static final String APP = "job=\"crm-api\",instance=\"crm-api:8081\",service=\"crm-api\"";

	private static final String API_REQUESTS = "http_server_requests_seconds_count{" + APP
			+ ",traffic=\"api\",method=\"GET\",uri=\"/api/v1/campaigns\",outcome=\"%s\",status=\"%s\"}";

	private static final String DISK = "{job=\"node\",instance=\"node-exporter:9100\",service=\"node\","
			+ "device=\"/dev/sda1\",fstype=\"ext4\",mountpoint=\"/\"}";

	private static final String POOL = "{" + APP + ",pool=\"HikariPool-1\"}";

	private static final String HEAP = "{" + APP + ",area=\"heap\"}";

	/**
	 * What the rules must do on day 8, minute by minute: one minute quiet, then firing
	 * (with the exact notification), then resolved after recovery.
	 */
	static final List<Expected> EXPECTED = List.of(
			Expected.anomaly("TrafficSurgeAnomaly", SURGE, 6, "{service: crm-api}",
					"crm-api's API traffic is far above what the time of day and week predicts.",
					"crm-api serves 31.31 API requests a second, above the band around its seasonal baseline for 5"
							+ " minutes.",
					"runbooks/TrafficSurgeAnomaly.md", "d/crm-overview"),
			Expected.exhaustion("DatabasePoolExhaustionPredicted", POOL_LEAK, 114,
					"{service: crm-api, instance: crm-api:8081, pool: HikariPool-1}",
					"crm-api's database connection pool is predicted to be exhausted within an hour.",
					"crm-api on crm-api:8081: at the trend of the last hour, Hikari pool HikariPool-1 needs 11.07"
							+ " connections in an hour, at least its maximum.",
					"runbooks/DatabasePoolExhaustionPredicted.md", "d/crm-dependencies"),
			Expected.exhaustion("DiskSpaceExhaustionPredicted", DISK_FILL, 147,
					"{job: node, instance: node-exporter:9100, service: node, device: /dev/sda1, fstype: ext4,"
							+ " mountpoint: /}",
					"A filesystem is predicted to run out of space within 24 hours.",
					"/ (/dev/sda1) on node-exporter:9100 has 28.38% space left and, at the rate of the last 6"
							+ " hours, fills up within 24 hours.",
					"runbooks/DiskSpaceExhaustionPredicted.md", "d/crm-jvm"),
			Expected.anomaly("TrafficDropAnomaly", DROP, 7, "{service: crm-api}",
					"crm-api's API traffic is far below what the time of day and week predicts.",
					"crm-api serves 3.433 API requests a second, below the band around its seasonal baseline for 5"
							+ " minutes.",
					"runbooks/TrafficDropAnomaly.md", "d/crm-overview"),
			Expected.exhaustion("JvmHeapExhaustionPredicted", HEAP_LEAK, 125,
					"{service: crm-api, instance: crm-api:8081}",
					"crm-api's heap after GC is predicted to reach its maximum within 4 hours.",
					"crm-api on crm-api:8081: at the trend of the last 2 hours, the live data after GC reaches"
							+ " 1.285GB in 4 hours, at least the old generation's maximum.",
					"runbooks/JvmHeapExhaustionPredicted.md", "d/crm-jvm"));

	private SyntheticDays() {
	}

	/**
	 * An alert on day 8: quiet a minute before {@code firesAt}, firing at it with these
	 * labels (YAML flow map, severity added) and annotations, resolved ten minutes after
	 * the incident is over. {@code comment} says what the test proves.
	 */
	record Expected(String alert, Incident incident, int firesAt, int resolvedAt, String comment, String labels,
			String summary, String description, String runbook, String dashboard) {

		/**
		 * An anomaly: the alert fires {@code delay} minutes after the incident starts.
		 */
		static Expected anomaly(String alert, Incident incident, int delay, String labels, String summary,
				String description, String runbook, String dashboard) {
			int firesAt = incident.start() + delay;
			return new Expected(
					alert, incident, firesAt, incident.end() + 10, "starts at %s, fires at %s: caught after %d minutes"
						.formatted(clock(incident.start()), clock(firesAt), delay),
					labels, summary, description, runbook, dashboard);
		}

		/**
		 * An exhaustion: the resource is exhausted when the incident ends; the alert
		 * fires {@code lead} minutes before.
		 */
		static Expected exhaustion(String alert, Incident incident, int lead, String labels, String summary,
				String description, String runbook, String dashboard) {
			int firesAt = incident.end() - lead;
			return new Expected(alert, incident, firesAt, incident.end() + EXHAUSTED_FOR + 10,
					"exhausted at %s, fires at %s: predicted %dh%02dm ahead".formatted(clock(incident.end()),
							clock(firesAt), lead / HOUR, lead % HOUR),
					labels, summary, description, runbook, dashboard);
		}

		void write(StringBuilder out) {
			out.append("      # ").append(this.alert).append(": ").append(this.comment).append("\n");
			check(out, this.firesAt - 1, false);
			check(out, this.firesAt, true);
			check(out, this.resolvedAt, false);
		}

		private void check(StringBuilder out, int minute, boolean firing) {
			out.append("      - alertname: ").append(this.alert).append("\n");
			out.append("        eval_time: ").append(minute).append("m\n");
			if (firing) {
				String labels = this.labels.substring(0, this.labels.length() - 1) + ", severity: warning}";
				out.append("        exp_alerts:\n");
				out.append("          - exp_labels: ").append(labels).append("\n");
				out.append("            exp_annotations:\n");
				out.append("              summary: \"").append(this.summary).append("\"\n");
				out.append("              description: \"").append(this.description).append("\"\n");
				out.append("              runbook_url: ").append(this.runbook).append("\n");
				out.append("              dashboard_url: ").append(this.dashboard).append("\n");
			}
		}

	}

	/** Day and time of a minute, for the comments: "day 8 14:07". */
	static String clock(int minute) {
		return "day %d %02d:%02d".formatted(minute / DAY + 1, (minute % DAY) / HOUR, minute % HOUR);
	}

	/**
	 * The seven clean days raise no alert: no firing alert in ALERTS up to day 8 (the
	 * traffic alerts may be pending for a minute when noise leaves the band; {@code for}
	 * is there for that). The second check proves the first can fail: over day 8, ALERTS
	 * holds every injected incident.
	 */
	private static void cleanDays(StringBuilder out) {
		out.append("    promql_expr_test:\n");
		out.append("      # Days 1-7: not one minute of any firing alert.\n");
		out.append("      - expr: count by (alertname) (count_over_time(ALERTS{alertstate=\"firing\"}[7d]))\n");
		out.append("        eval_time: ").append(CLEAN_UNTIL).append("m\n");
		out.append("        exp_samples: []\n");
		out.append("      # Day 8: every injected incident fired, so the check above can fail.\n");
		out.append("      - expr: count by (alertname) (count_over_time(ALERTS{alertstate=\"firing\"}[1d]))\n");
		out.append("        eval_time: ").append(MINUTES).append("m\n");
		out.append("        exp_samples:\n");
		EXPECTED.stream().map(Expected::alert).sorted().forEach((alert) -> {
			out.append("          - labels: '{alertname=\"").append(alert).append("\"}'\n");
			out.append("            value: 1\n");
		});
	}

	/** An incident on day 8: when it starts and how long it lasts, in minutes. */
	record Incident(int start, int minutes) {

		int end() {
			return this.start + this.minutes;
		}

		boolean covers(int minute) {
			return minute >= this.start && minute < end();
		}

	}

	static String generate() {
		Random random = new Random(23);
		double[] requestNoise = segmentNoise(random, 0.08);
		double[] errorNoise = segmentNoise(random, 0.3);
		double[] poolNoise = segmentNoise(random, 0.15);
		double[] diskNoise = segmentNoise(random, 0.002);
		double[] heapNoise = segmentNoise(random, 0.01);
		StringBuilder out = new StringBuilder();
		header(out);
		out.append("  - interval: 1m\n");
		out.append("    input_series:\n");
		long[] requests = counter((m) -> requestsPerMinute(m) * requestNoise[m / SEGMENT]);
		long[] errors = counter((m) -> requestsPerMinute(m) * 0.005 * errorNoise[m / SEGMENT]);
		double[] requestRate = new double[requests.length];
		double[] errorRatio = new double[requests.length];
		for (int m = 0; m < requests.length; m++) {
			long served = (m < RATE_WINDOW) ? -1 : requests[m] - requests[m - RATE_WINDOW];
			requestRate[m] = (served < 0) ? Double.NaN : served / (RATE_WINDOW * 60.0);
			errorRatio[m] = (served <= 0) ? Double.NaN : (double) (errors[m] - errors[m - RATE_WINDOW]) / served;
		}
		series(out, "service:slo_requests:rate5m{service=\"crm-api\"}", requestRate);
		series(out, "service:slo_errors_per_request:ratio_rate5m{service=\"crm-api\"}", errorRatio);
		series(out, "node_filesystem_avail_bytes" + DISK, gauge((m) -> diskAvailable(m, diskNoise[m / SEGMENT])));
		series(out, "node_filesystem_size_bytes" + DISK, gauge((m) -> DISK_SIZE));
		series(out, "node_filesystem_readonly" + DISK, gauge((m) -> 0));
		series(out, "hikaricp_connections_active" + POOL, gauge((m) -> poolActive(m, poolNoise[m / SEGMENT])));
		series(out, "hikaricp_connections_max" + POOL, gauge((m) -> POOL_MAX));
		series(out, "jvm_gc_live_data_size_bytes" + HEAP, gauge((m) -> heapLive(m, heapNoise[m / SEGMENT])));
		series(out, "jvm_gc_max_data_size_bytes" + HEAP, gauge((m) -> HEAP_MAX));
		cleanDays(out);
		out.append("    alert_rule_test:\n");
		EXPECTED.forEach((expected) -> expected.write(out));
		return out.toString();
	}

	private static void header(StringBuilder out) {
		out.append("# GENERATED by SyntheticDays (src/test/java/dev/crm/monitoring). Do not edit: change the\n");
		out.append("# generator, then run ").append(REGENERATE).append("\n");
		out.append("#\n");
		out.append("# Eight days of one-minute samples for prediction.yml and anomaly.yml. The SLO records the\n");
		out.append("# anomaly rules read are input here, computed from counters as slo.yml would. API traffic\n");
		out.append("# follows a daily cycle (night 40%, noon 160% of the mean), grows 2% a day and has 8% noise\n");
		out.append("# (5-minute segments); the pool, the disk and the heap follow it.\n");
		out.append("# Days 1-7 are clean, with a two-minute burst that fills the pool every noon. Day 8:\n");
		out.append("#   02:00 traffic x3 for 30m     (surge, judged against the daily baseline)\n");
		out.append("#   06:00 the disk fills, full at 12:00, cleaned up at 12:30\n");
		out.append("#   08:00 a connection leak, pool exhausted at 11:00, restart at 11:30\n");
		out.append("#   14:00 traffic x0.1 for 30m   (drop, judged against the weekly baseline)\n");
		out.append("#   15:00 a memory leak, heap full at 19:00, restart at 19:30\n");
		out.append("rule_files:\n");
		out.append("  - ../rules/prediction.yml\n");
		out.append("  - ../rules/anomaly.yml\n");
		out.append("\n");
		out.append("evaluation_interval: 1m\n");
		out.append("\n");
		out.append("tests:\n");
	}

	/**
	 * The mean rate of a minute, before noise: daily cycle, growth and incidents,
	 * constant through each five-minute segment.
	 */
	private static double requestsPerMinute(int minute) {
		int segment = minute - minute % SEGMENT;
		double dayPhase = 2 * Math.PI * ((segment % DAY) - 6 * HOUR) / DAY;
		double rate = 20 * 60 * (1 + 0.6 * Math.sin(dayPhase)) * (1 + 0.02 * segment / DAY);
		if (SURGE.covers(minute)) {
			return rate * 3;
		}
		if (DROP.covers(minute)) {
			return rate * 0.1;
		}
		return rate;
	}

	/**
	 * 70% free, minus 2% of logs a day rotated at midnight; during the incident it falls
	 * linearly to nothing.
	 */
	private static double diskAvailable(int minute, double noise) {
		if (DISK_FILL.covers(minute)) {
			double left = 1 - (double) (minute - DISK_FILL.start()) / DISK_FILL.minutes();
			return diskAvailable(DISK_FILL.start() - 1, 1) * left;
		}
		if (minute >= DISK_FILL.end() && minute < DISK_FILL.end() + EXHAUSTED_FOR) {
			return 0;
		}
		return DISK_SIZE * (0.7 - 0.02 * (minute % DAY) / DAY + noise - 1);
	}

	/**
	 * One to three busy connections following traffic, a two-minute burst to the maximum
	 * every noon; during the incident, leaked connections add up to the maximum.
	 */
	private static double poolActive(int minute, double noise) {
		if (minute % DAY >= 12 * HOUR && minute % DAY < 12 * HOUR + 2) {
			return POOL_MAX;
		}
		double busy = Math.min(POOL_MAX, 2 * requestsPerMinute(minute) / (20 * 60) * noise);
		if (POOL_LEAK.covers(minute)) {
			double leaked = (double) (minute - POOL_LEAK.start()) / POOL_LEAK.minutes() * POOL_MAX;
			return Math.min(POOL_MAX, busy + leaked);
		}
		if (minute >= POOL_LEAK.end() && minute < POOL_LEAK.end() + EXHAUSTED_FOR) {
			return POOL_MAX;
		}
		return busy;
	}

	/**
	 * 30% live after GC at 03:00, a cache filling to 45% through the day, measured after
	 * each old collection (every ten minutes); during the incident a leak fills the rest.
	 */
	private static double heapLive(int minute, double noise) {
		int collected = minute - minute % 10;
		double sinceThree = ((collected - 3 * HOUR) % DAY + DAY) % DAY;
		double normal = HEAP_MAX * (0.3 + 0.15 * sinceThree / DAY + noise - 1);
		if (HEAP_LEAK.covers(minute)) {
			double filled = (double) (collected - HEAP_LEAK.start()) / HEAP_LEAK.minutes();
			return Math.min(HEAP_MAX, normal + (HEAP_MAX - normal) * Math.max(0, filled));
		}
		if (minute >= HEAP_LEAK.end() && minute < HEAP_LEAK.end() + EXHAUSTED_FOR) {
			return HEAP_MAX;
		}
		return normal;
	}

	/** One noise factor per five-minute segment: 1 plus a normal deviate times spread. */
	private static double[] segmentNoise(Random random, double spread) {
		double[] noise = new double[MINUTES / SEGMENT + 1];
		for (int i = 0; i < noise.length; i++) {
			noise[i] = 1 + spread * random.nextGaussian();
		}
		return noise;
	}

	private static long[] counter(IntToDoubleFunction perMinute) {
		long[] values = new long[MINUTES + 1];
		for (int m = 1; m <= MINUTES; m++) {
			values[m] = values[m - 1] + Math.max(0, Math.round(perMinute.applyAsDouble(m)));
		}
		return values;
	}

	private static long[] gauge(IntToDoubleFunction value) {
		long[] values = new long[MINUTES + 1];
		for (int m = 0; m <= MINUTES; m++) {
			values[m] = Math.max(0, Math.round(value.applyAsDouble(m)));
		}
		return values;
	}

	private static void series(StringBuilder out, String name, long[] values) {
		out.append("      - series: '").append(name).append("'\n");
		out.append("        values: '").append(String.join(" ", runs(values))).append("'\n");
	}

	/**
	 * Ratios and rates, to four significant digits; {@code _} where there is no value yet
	 * (the first five minutes).
	 */
	private static void series(StringBuilder out, String name, double[] values) {
		List<String> samples = new ArrayList<>();
		for (double value : values) {
			samples.add(Double.isNaN(value) ? "_"
					: new BigDecimal(value).round(DIGITS).stripTrailingZeros().toPlainString());
		}
		out.append("      - series: '").append(name).append("'\n");
		out.append("        values: '").append(String.join(" ", samples)).append("'\n");
	}

	/**
	 * The values as promtool runs: {@code a+bxn} stands for a, a+b, ... a+n*b (n+1
	 * samples).
	 */
	static List<String> runs(long[] values) {
		List<String> runs = new ArrayList<>();
		int start = 0;
		while (start < values.length) {
			int end = start;
			if (start + 1 < values.length) {
				long step = values[start + 1] - values[start];
				end = start + 1;
				while (end + 1 < values.length && values[end + 1] - values[end] == step) {
					end++;
				}
				if (step == 0) {
					runs.add(values[start] + "x" + (end - start));
				}
				else {
					runs.add(values[start] + ((step > 0) ? "+" : "-") + Math.abs(step) + "x" + (end - start));
				}
			}
			else {
				runs.add(Long.toString(values[start]));
			}
			start = end + 1;
		}
		return runs;
	}

}
