import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark driver that {@code scripts/bench.sh} runs: the same jar twice (default,
 * and with the {@code no-instrumentation} profile), side by side on one machine, with
 * rounds that alternate between the two. It needs only the JDK; PostgreSQL and Redis come
 * from the Debian packages the test command installs. Settings are environment variables
 * (see {@code scripts/bench.sh --help}).
 */
public final class Bench {

	/** Lines per section of the top-frames view printed after the table. */
	private static final int TOP_FRAMES = 12;

	private final Settings settings;

	private final Path out;

	private final Path logs;

	private final Results results = new Results();

	private final List<Instance> pair = new ArrayList<>();

	private final List<JfrWindow> recordings = new ArrayList<>();

	private Bench(Settings settings) throws IOException {
		this.settings = settings;
		this.out = settings.out();
		this.logs = Files.createDirectories(this.out.resolve("logs"));
	}

	public static void main(String[] args) throws Exception {
		Settings settings = Settings.fromEnvironment();
		Files.createDirectories(settings.out());
		Bench bench = new Bench(settings);
		// Ctrl-C or a kill skips the finally blocks below: stop PostgreSQL, Redis and the
		// two instances anyway, or they outlive the run and skew the next one.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stopChildren();
			Services.deleteUndeleted();
		}, "bench-cleanup"));
		boolean ok = false;
		try {
			bench.run();
			ok = true;
		}
		finally {
			bench.stopInstances();
			if (ok && !settings.keepLogs()) {
				deleteTree(bench.logs);
			}
		}
	}

	/** Stops every process the run started and still runs; none after a clean end. */
	private static void stopChildren() {
		List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
		children.forEach(ProcessHandle::destroy);
		for (ProcessHandle child : children) {
			try {
				child.onExit().get(15, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				child.destroyForcibly();
			}
		}
	}

	private void run() throws Exception {
		String runTag = Long.toString(System.currentTimeMillis(), 36);
		this.pair.add(new Instance("default", 0, null, runTag));
		this.pair.add(new Instance("no-instrumentation", 1, "no-instrumentation", runTag));
		String loadAverage = loadAverage();
		long[] stealAtStart = stealTicks();
		log("output: " + this.out);
		log(this.settings.describe());
		try (Services services = Services.start(this.settings.pgBin(), this.logs)) {
			measureStartup(services);
			for (Instance instance : this.pair) {
				instance.traffic.seed(instance.port);
			}
			log("seeded " + Traffic.CAMPAIGNS + " campaigns and " + Traffic.CAMPAIGNS * Traffic.LEADS_PER_CAMPAIGN
					+ " leads into each instance");
			// Most of the code a request runs is shared by every workload; compiling it
			// (C2) is what warm-up is for, and the first workload must not pay for it.
			for (Instance instance : this.pair) {
				Load.saturate(instance.port, Workload.MIX, instance.traffic, this.settings.connections(),
						2 * this.settings.warmupNanos());
			}
			log("warmed up both instances with the mix");
			for (Workload workload : this.settings.workloads()) {
				measure(workload);
			}
			measureScrapes();
			stopInstances();
		}
		String steal = stealSince(stealAtStart);
		Report.Context context = new Report.Context(
				ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
				this.settings.commit(), cpuModel(), Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.runtime.version"), loadAverage, steal, this.settings.parameters(),
				String.join(" ", this.settings.jvmFlags()));
		Report.write(this.out, this.results, context);
		String topFrames = this.settings.jfr() ? summarizeRecordings() : "";
		log("wrote " + this.out.resolve("results.md") + ", results.json and chart.svg");
		System.out.println();
		System.out.print(Report.markdown(this.results, context));
		System.out.print(topFrames);
	}

	/**
	 * Startup to ready, alternating which instance starts first. Each start is alone on
	 * the machine but for the other instance idling; the last start of each stays up for
	 * the workloads.
	 */
	private void measureStartup(Services services) throws Exception {
		if (this.settings.smoke()) {
			startBothAtOnce(services);
			return;
		}
		for (int start = 0; start < this.settings.starts(); start++) {
			for (Instance instance : inOrder(start)) {
				Duration ready = instance.start(this.settings.jar(), this.settings.jvmFlags(), services, this.logs);
				this.results.of(Results.Figure.STARTUP).add(instance.index, ready.toNanos() / 1e9);
				log(String.format(Locale.ROOT, "start %d/%d %s: ready after %.2f s", start + 1,
						this.settings.starts(), instance.name, ready.toNanos() / 1e9));
			}
			if (start < this.settings.starts() - 1) {
				stopInstances();
			}
		}
	}

	/**
	 * The smoke run's shortcut: both instances start together, which saves a whole
	 * startup on a busy machine and still yields the figure (not a comparable one).
	 */
	private void startBothAtOnce(Services services) throws Exception {
		try (var executor = java.util.concurrent.Executors.newFixedThreadPool(2)) {
			List<java.util.concurrent.Future<Duration>> starts = new ArrayList<>();
			for (Instance instance : this.pair) {
				starts.add(executor.submit(
						() -> instance.start(this.settings.jar(), this.settings.jvmFlags(), services, this.logs)));
			}
			for (Instance instance : this.pair) {
				Duration ready = starts.get(instance.index).get();
				this.results.of(Results.Figure.STARTUP).add(instance.index, ready.toNanos() / 1e9);
				log(String.format(Locale.ROOT, "start %s (together with the other): ready after %.2f s", instance.name,
						ready.toNanos() / 1e9));
			}
		}
	}

	private void measure(Workload workload) throws Exception {
		long warmup = this.settings.warmupNanos();
		for (Instance instance : this.pair) {
			Load.saturate(instance.port, workload, instance.traffic, this.settings.connections(), warmup);
		}
		log(workload.id + ": warmed up both instances");
		if (this.settings.jfr()) {
			startRecordings(workload);
		}
		for (int round = 0; round < this.settings.rounds(); round++) {
			for (Instance instance : inOrder(round)) {
				saturate(workload, instance, round);
			}
		}
		double rate = Math.max(1, Math.floor(0.5 * Math.min(
				Results.Spread.of(this.results.of(workload, Results.Figure.THROUGHPUT).of(0)).median(),
				Results.Spread.of(this.results.of(workload, Results.Figure.THROUGHPUT).of(1)).median())));
		this.results.rates.put(workload, rate);
		for (int round = 0; round < this.settings.rounds(); round++) {
			for (Instance instance : inOrder(round)) {
				Load.Outcome outcome = Load.fixedRate(instance.port, workload, instance.traffic,
						this.settings.rateConnections(), rate, this.settings.durationNanos());
				this.results.countUnexpected(workload, instance.index, outcome.unexpected());
				double p50 = outcome.quantile(0.50) / 1e6;
				double p99 = outcome.quantile(0.99) / 1e6;
				this.results.of(workload, Results.Figure.P50).add(instance.index, p50);
				this.results.of(workload, Results.Figure.P99).add(instance.index, p99);
				log(String.format(Locale.ROOT, "%s round %d/%d %s at %.0f/s: p50 %.2f ms, p99 %.2f ms%s", workload.id,
						round + 1, this.settings.rounds(), instance.name, rate, p50, p99, unexpected(outcome)));
			}
		}
		if (this.settings.jfr()) {
			stopRecordings(workload);
		}
	}

	/**
	 * One saturation run: throughput, and the CPU time and allocation the process spent
	 * per request served. CPU is read from {@code /proc/PID/stat}, allocation from the
	 * instance's own metrics, both right before and right after the load.
	 */
	private void saturate(Workload workload, Instance instance, int round) throws Exception {
		double allocatedBefore = instance.allocatedBytes();
		long cpuBefore = instance.cpuNanos();
		Load.Outcome outcome = Load.saturate(instance.port, workload, instance.traffic, this.settings.connections(),
				this.settings.durationNanos());
		long cpu = instance.cpuNanos() - cpuBefore;
		double allocated = instance.allocatedBytes() - allocatedBefore;
		this.results.countUnexpected(workload, instance.index, outcome.unexpected());
		double cpuPerRequest = cpu / 1e3 / outcome.requests();
		double allocationPerRequest = allocated / 1024 / outcome.requests();
		this.results.of(workload, Results.Figure.THROUGHPUT).add(instance.index, outcome.perSecond());
		this.results.of(workload, Results.Figure.CPU).add(instance.index, cpuPerRequest);
		this.results.of(workload, Results.Figure.ALLOCATION).add(instance.index, allocationPerRequest);
		log(String.format(Locale.ROOT, "%s round %d/%d %s saturated: %.0f req/s, %.0f µs CPU and %.1f KB per request%s",
				workload.id, round + 1, this.settings.rounds(), instance.name, outcome.perSecond(), cpuPerRequest,
				allocationPerRequest, unexpected(outcome)));
	}

	/**
	 * {@code /actuator/prometheus} as Prometheus asks for it (OpenMetrics), after the
	 * workloads have created a typical run's series, one scrape after another.
	 */
	private void measureScrapes() throws IOException {
		for (Instance instance : this.pair) {
			for (int i = 0; i < 10; i++) {
				instance.scrape(true);
			}
		}
		for (int round = 0; round < this.settings.rounds(); round++) {
			for (Instance instance : inOrder(round)) {
				long[] nanos = new long[this.settings.scrapes()];
				Instance.Scrape last = null;
				for (int i = 0; i < nanos.length; i++) {
					last = instance.scrape(true);
					nanos[i] = last.nanos();
				}
				Arrays.sort(nanos);
				Load.Outcome outcome = new Load.Outcome(nanos.length, 0, 0, nanos);
				double p50 = outcome.quantile(0.50) / 1e6;
				double p99 = outcome.quantile(0.99) / 1e6;
				this.results.of(Results.Figure.SCRAPE_P50).add(instance.index, p50);
				this.results.of(Results.Figure.SCRAPE_P99).add(instance.index, p99);
				this.results.of(Results.Figure.SCRAPE_SERIES).add(instance.index, last.series());
				this.results.of(Results.Figure.SCRAPE_SIZE).add(instance.index, last.bytes() / 1024.0);
				log(String.format(Locale.ROOT, "scrapes round %d/%d %s: p50 %.2f ms, p99 %.2f ms, %d series, %.1f KB",
						round + 1, this.settings.rounds(), instance.name, p50, p99, last.series(),
						last.bytes() / 1024.0));
			}
		}
	}

	/** Round {@code n} goes default first when even, no-instrumentation first when odd. */
	private List<Instance> inOrder(int n) {
		return (n % 2 == 0) ? this.pair : this.pair.reversed();
	}

	private record JfrWindow(Workload workload, Instance instance, Path file) {
	}

	/**
	 * Flight recordings of the measured rounds only (not startup, not warm-up), with
	 * CPU-time sampling and deep stacks: Spring's request stacks are deeper than JFR's
	 * default of 64 frames, and a cut stack would hide the filter a frame runs under.
	 */
	private void startRecordings(Workload workload) throws IOException, InterruptedException {
		Path directory = Files.createDirectories(this.out.resolve("jfr"));
		for (Instance instance : this.pair) {
			if (this.recordings.stream().noneMatch((window) -> window.instance() == instance)) {
				// Only possible before the JVM's first recording.
				jcmd(instance, "JFR.configure", "stackdepth=256");
			}
			jcmd(instance, "JFR.start", "name=bench-" + workload.id, "settings=profile",
					"jdk.CPUTimeSample#enabled=true");
			this.recordings.add(new JfrWindow(workload, instance,
					directory.resolve(workload.id + "-" + instance.name + ".jfr")));
		}
	}

	private void stopRecordings(Workload workload) throws IOException, InterruptedException {
		for (JfrWindow window : this.recordings) {
			if (window.workload() == workload) {
				jcmd(window.instance(), "JFR.stop", "name=bench-" + workload.id,
						"filename=" + window.file().toAbsolutePath());
			}
		}
	}

	/**
	 * Writes the full summary of each recording, and returns the top frames of the
	 * default instance's recordings: where the instrumented service spends its CPU.
	 */
	private String summarizeRecordings() throws IOException, InterruptedException {
		StringBuilder all = new StringBuilder();
		StringBuilder top = new StringBuilder();
		for (JfrWindow window : this.recordings) {
			StringBuilder text = new StringBuilder();
			text.append("==== ").append(window.workload().title).append(", ").append(window.instance().name);
			text.append(" (measured rounds only) ====\n");
			text.append(JfrSummary.summarize(window.file()));
			for (String view : List.of("hot-methods", "cpu-time-hot-methods", "gc-cpu-time")) {
				text.append("\n---- jfr view ").append(view).append(" ----\n");
				text.append(jfrView(view, window.file()));
			}
			Path summary = window.file().resolveSibling(window.file().getFileName().toString().replace(".jfr", ".txt"));
			Files.writeString(summary, text);
			all.append(text).append('\n');
			if (window.instance().index == 0) {
				top.append("\n## Top frames: ").append(window.workload().title).append(", default instance\n\n```\n");
				top.append(JfrSummary.topFrames(window.file(), TOP_FRAMES)).append("```\n");
			}
		}
		Files.writeString(this.out.resolve("jfr").resolve("summary.txt"), all);
		Files.writeString(this.out.resolve("jfr").resolve("top-frames.md"), top);
		log("JFR summaries in " + this.out.resolve("jfr") + " (summary.txt in full, top-frames.md in short)");
		return top.toString();
	}

	private void jcmd(Instance instance, String... command) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(instance.pid())));
		line.addAll(List.of(command));
		Process process = new ProcessBuilder(line).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logs.resolve("jcmd.log").toFile()))
			.start();
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed for " + instance.name);
		}
	}

	private static String jfrView(String view, Path file) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jfr").toString(), "view",
				"--width", "160", view, file.toString())
			.redirectErrorStream(true)
			.start();
		String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(60, TimeUnit.SECONDS);
		return text;
	}

	private void stopInstances() throws InterruptedException {
		for (Instance instance : this.pair) {
			instance.stop();
		}
	}

	private static String unexpected(Load.Outcome outcome) {
		return (outcome.unexpected() == 0) ? "" : " (" + outcome.unexpected() + " unexpected statuses)";
	}

	private void log(String message) {
		String line = "[bench] " + message;
		System.out.println(line);
		try {
			Files.writeString(this.out.resolve("run.log"), line + "\n", StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			System.err.println("[bench] cannot write run.log: " + ex.getMessage());
		}
	}

	private static String cpuModel() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
				if (line.startsWith("model name")) {
					return line.substring(line.indexOf(':') + 1).trim();
				}
			}
		}
		catch (IOException ex) {
			// Not Linux: the model is unknown, the rest of the run is not affected.
		}
		return "unknown CPU";
	}

	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	/** Steal and total CPU ticks of the whole machine ({@code /proc/stat}), or null. */
	private static long[] stealTicks() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long total = 0;
			for (int i = 1; i <= 8; i++) {
				total += Long.parseLong(fields[i]);
			}
			return new long[] { Long.parseLong(fields[8]), total };
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * The share of CPU time a virtual machine's host took for other guests since the start.
	 * Process CPU time does not count it, but throughput, latency and startup suffer.
	 */
	private String stealSince(long[] start) {
		long[] end = stealTicks();
		if (start == null || end == null || end[1] == start[1]) {
			return "unknown";
		}
		double percent = 100.0 * (end[0] - start[0]) / (end[1] - start[1]);
		if (percent > 5) {
			log(String.format(Locale.ROOT, "warning: the host took %.0f%% of this machine's CPU time (steal): "
					+ "throughput, latency and startup figures are distorted; rerun when it is quiet", percent));
		}
		return String.format(Locale.ROOT, "%.1f%%", percent);
	}

	private static void deleteTree(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (var paths = Files.walk(directory)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

	/** Every knob, from the environment that {@code scripts/bench.sh} sets up. */
	record Settings(Path out, Path jar, Path pgBin, List<Workload> workloads, int rounds, double durationSeconds,
			double warmupSeconds, int connections, int rateConnections, int starts, int scrapes, String heap,
			boolean jfr, boolean smoke, boolean keepLogs, String commit) {

		static Settings fromEnvironment() {
			boolean smoke = flag("BENCH_SMOKE");
			String defaultOut = "bench-results/"
					+ ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
			List<Workload> workloads = Arrays.stream(env("BENCH_WORKLOADS", "get,stats,post,mix").split(","))
				.map(Workload::of)
				.toList();
			return new Settings(Path.of(env("BENCH_OUT", defaultOut)), Path.of(env("BENCH_JAR", "target/crm-api.jar")),
					Path.of(env("BENCH_PG_BIN", "/usr/lib/postgresql/15/bin")), workloads,
					Integer.parseInt(env("BENCH_ROUNDS", smoke ? "1" : "3")),
					Double.parseDouble(env("BENCH_DURATION", smoke ? "1" : "7")),
					Double.parseDouble(env("BENCH_WARMUP", smoke ? "0.5" : "10")),
					Integer.parseInt(env("BENCH_CONNECTIONS", "16")),
					Integer.parseInt(env("BENCH_RATE_CONNECTIONS", "32")),
					Integer.parseInt(env("BENCH_STARTS", smoke ? "1" : "3")),
					Integer.parseInt(env("BENCH_SCRAPES", smoke ? "20" : "200")), env("BENCH_HEAP", "512m"),
					flag("BENCH_JFR"), smoke, flag("BENCH_KEEP_LOGS"), env("BENCH_COMMIT", "unknown"));
		}

		List<String> jvmFlags() {
			return List.of("-Xms" + this.heap, "-Xmx" + this.heap, "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError");
		}

		long durationNanos() {
			return (long) (this.durationSeconds * 1e9);
		}

		long warmupNanos() {
			return (long) (this.warmupSeconds * 1e9);
		}

		String parameters() {
			return String.format(Locale.ROOT,
					"%s%d round(s) of %.1f s per phase after %.1f s of warm-up per workload (and twice that with the "
							+ "mix first); saturation: %d connections, "
							+ "closed loop; fixed rate: half the slower instance's saturation, open loop on up to %d "
							+ "connections, latency from the intended send time; %d start(s) per instance; %d scrapes "
							+ "per round%s",
					this.smoke ? "SMOKE (figures meaningless; both instances started at once): " : "", this.rounds, this.durationSeconds,
					this.warmupSeconds, this.connections, this.rateConnections, this.starts, this.scrapes,
					this.jfr ? "; JFR recording the measured rounds (slows both)" : "");
		}

		String describe() {
			return "workloads " + this.workloads.stream().map((w) -> w.id).toList() + "; " + parameters();
		}

		private static String env(String name, String fallback) {
			String value = System.getenv(name);
			return (value == null || value.isBlank()) ? fallback : value.trim();
		}

		private static boolean flag(String name) {
			String value = env(name, "0");
			return value.equals("1") || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes");
		}

	}

}
