import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.crm.load.CpuSteal;
import dev.crm.load.Dataset;
import dev.crm.load.GatlingCommand;
import dev.crm.load.Workload;
import dev.crm.support.TestTokens;
import org.HdrHistogram.Histogram;

/**
 * The benchmark driver that {@code scripts/bench.sh} runs: the same jar four times
 * (default; with the {@code no-instrumentation} profile; that with the OpenTelemetry Java
 * agent, what a user would attach instead of ours; and default with the access log off,
 * which prices the access line), side by side on one machine, with rounds that rotate
 * the order of the four. The load comes from tools: wrk for the saturation phase,
 * Gatling ({@code dev.crm.load.LoadSimulation}, open model) for the fixed-rate phase.
 * What is left here is what no load tool does: start the instances, read each one's CPU
 * time and allocation around each phase, pair the rounds and write the table and chart.
 * Settings are environment variables (see {@code scripts/bench.sh --help}).
 */
public final class Bench {

	/** One line of a Gatling run's final "Global Information": name, total, OK, KO. */
	private static final Pattern GATLING_FIGURE = Pattern
		.compile("^> (.+?)\\s+\\|\\s+([-\\d,.]+)\\s+\\|\\s+([-\\d,.]+)\\s+\\|\\s+([-\\d,.]+)\\s*$");

	/** The line {@code scripts/bench/saturate.lua} prints when wrk is done. */
	private static final Pattern WRK_DONE = Pattern
		.compile("\\[wrk] requests=(\\d+) duration_us=(\\d+) unexpected=(\\d+) (\\(.*\\))");

	private final Settings settings;

	private final Path out;

	private final Path logs;

	private final Results results = new Results();

	private final List<Instance> pair = new ArrayList<>();

	private final Map<Instance, Dataset> datasets = new HashMap<>();

	private final List<JfrWindow> recordings = new ArrayList<>();

	/** Makes every lead that wrk creates unique across the run's phases. */
	private final String runTag = Long.toString(System.currentTimeMillis(), 36);

	private int phase;

	private Bench(Settings settings) throws IOException {
		this.settings = settings;
		this.out = settings.out();
		this.logs = Files.createDirectories(this.out.resolve("logs"));
	}

	public static void main(String[] args) throws Exception {
		Settings settings = Settings.fromEnvironment();
		Files.createDirectories(settings.out());
		Bench bench = new Bench(settings);
		// Ctrl-C or a kill skips the finally blocks below: stop PostgreSQL, Redis, the
		// instances and the load anyway, or they outlive the run and skew the next.
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
		this.pair.add(new Instance("default", Results.DEFAULT, null, null, Map.of()));
		this.pair.add(new Instance("no-instrumentation", Results.OFF, "no-instrumentation", null, Map.of()));
		this.pair.add(new Instance("opentelemetry-agent", Results.AGENT, "no-instrumentation", this.settings.agent(),
				Map.of()));
		// The default instance but for the access line: the difference in CPU per request
		// is what one line costs.
		this.pair.add(new Instance("access-log-off", Results.ACCESS_LOG_OFF, null, null,
				Map.of("CRM_LOGGING_ACCESS_LOG_ENABLED", "false")));
		String loadAverage = loadAverage();
		CpuSteal steal = CpuSteal.start();
		log("output: " + this.out);
		log(this.settings.describe());
		try (Services services = Services.start(this.settings.pgBin(), this.logs)) {
			measureStartup(services);
			for (Instance instance : this.pair) {
				this.datasets.put(instance, Dataset.prepare(instance.baseUrl()));
			}
			log("prepared " + Dataset.CAMPAIGNS + " campaigns and " + Dataset.CAMPAIGNS * Dataset.LEADS_PER_CAMPAIGN
					+ " leads in each instance");
			// Most of the code a request runs is shared by every workload; compiling it
			// (C2) is what warm-up is for, and the first workload must not pay for it.
			for (Instance instance : this.pair) {
				wrk(instance, Workload.MIX, 2 * this.settings.warmupSeconds());
			}
			log("warmed up every instance with the mix");
			for (Workload workload : this.settings.workloads()) {
				measure(workload);
			}
			measureScrapes();
			stopInstances();
		}
		double stealPercent = steal.percentSinceStart();
		if (stealPercent > 5) {
			log(String.format(Locale.ROOT, "warning: the host took %.0f%% of this machine's CPU time (steal): "
					+ "throughput, latency and startup figures are distorted; rerun when it is quiet", stealPercent));
		}
		Report.Context context = new Report.Context(
				ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
				this.settings.commit(), this.settings.command(), cpuModel(), Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.runtime.version"),
				// Other work on the machine takes CPU from every instance and the load alike.
				loadAverage + " at the start, " + loadAverage() + " at the end", steal.sinceStart(1),
				this.settings.parameters(), String.join(" ", this.settings.jvmFlags()),
				Instance.describeAgent(this.settings.agent()));
		Report.write(this.out, this.results, context);
		log("wrote " + this.out.resolve("results.md") + ", results.json, chart.svg and Gatling's reports in "
				+ this.out.resolve("gatling"));
		if (this.settings.jfr()) {
			summarizeRecordings();
		}
		System.out.println();
		System.out.print(Report.markdown(this.results, context));
	}

	/**
	 * Startup to ready, alternating which instance starts first. Each start is alone on
	 * the machine but for the other instances idling; the last start of each stays up for
	 * the workloads.
	 */
	private void measureStartup(Services services) throws Exception {
		if (this.settings.smoke()) {
			startAllAtOnce(services);
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
	 * The smoke run's shortcut: the instances start together, which saves a whole
	 * startup on a busy machine and still yields the figure (not a comparable one).
	 */
	private void startAllAtOnce(Services services) throws Exception {
		try (var executor = java.util.concurrent.Executors.newFixedThreadPool(this.pair.size())) {
			List<java.util.concurrent.Future<Duration>> starts = new ArrayList<>();
			for (Instance instance : this.pair) {
				starts.add(executor.submit(
						() -> instance.start(this.settings.jar(), this.settings.jvmFlags(), services, this.logs)));
			}
			for (Instance instance : this.pair) {
				Duration ready = starts.get(instance.index).get();
				this.results.of(Results.Figure.STARTUP).add(instance.index, ready.toNanos() / 1e9);
				log(String.format(Locale.ROOT, "start %s (together with the others): ready after %.2f s", instance.name,
						ready.toNanos() / 1e9));
			}
		}
	}

	private void measure(Workload workload) throws Exception {
		for (Instance instance : this.pair) {
			wrk(instance, workload, this.settings.warmupSeconds());
		}
		log(workload.id() + ": warmed up every instance");
		if (this.settings.jfr()) {
			startRecordings(workload);
		}
		for (int round = 0; round < this.settings.rounds(); round++) {
			for (Instance instance : inOrder(round)) {
				saturate(workload, instance, round);
			}
		}
		double slowest = Double.MAX_VALUE;
		for (Instance instance : this.pair) {
			slowest = Math.min(slowest,
					Results.Spread.of(this.results.of(workload, Results.Figure.THROUGHPUT).of(instance.index)).median());
		}
		double half = 0.5 * slowest;
		double rate = Math.max(1, Math.floor(Math.min(half, this.settings.maxRate())));
		this.results.rates.put(workload, rate);
		for (int round = 0; round < this.settings.rounds(); round++) {
			for (Instance instance : inOrder(round)) {
				fixedRate(workload, instance, round, rate);
			}
		}
		if (this.settings.jfr()) {
			stopRecordings(workload);
		}
	}

	/**
	 * One saturation run with wrk: throughput, and the CPU time and allocation the
	 * instance spent per request served. CPU is read from {@code /proc/PID/stat},
	 * allocation from the instance's own metrics, right before and right after wrk, which
	 * starts and stops in a millisecond.
	 */
	private void saturate(Workload workload, Instance instance, int round) throws Exception {
		double allocatedBefore = instance.allocatedBytes();
		long cpuBefore = instance.cpuNanos();
		WrkOutcome outcome = wrk(instance, workload, this.settings.durationSeconds());
		long cpu = instance.cpuNanos() - cpuBefore;
		double allocated = instance.allocatedBytes() - allocatedBefore;
		this.results.countUnexpected(workload, instance.index, outcome.unexpected());
		double perSecond = outcome.requests() / outcome.seconds();
		double cpuPerRequest = cpu / 1e3 / outcome.requests();
		double allocationPerRequest = allocated / 1024 / outcome.requests();
		this.results.of(workload, Results.Figure.THROUGHPUT).add(instance.index, perSecond);
		this.results.of(workload, Results.Figure.CPU).add(instance.index, cpuPerRequest);
		this.results.of(workload, Results.Figure.ALLOCATION).add(instance.index, allocationPerRequest);
		log(String.format(Locale.ROOT, "%s round %d/%d %s saturated: %.0f req/s, %.0f µs CPU and %.1f KB per request%s",
				workload.id(), round + 1, this.settings.rounds(), instance.name, perSecond, cpuPerRequest,
				allocationPerRequest,
				(outcome.unexpected() == 0) ? "" : " (" + outcome.unexpected() + " unexpected " + outcome.errors() + ")"));
	}

	/** @param errors what wrk counted as unexpected, by kind */
	private record WrkOutcome(long requests, double seconds, long unexpected, String errors) {
	}

	/** wrk's closed loop on one instance, {@code BENCH_CONNECTIONS} connections, one thread. */
	private WrkOutcome wrk(Instance instance, Workload workload, double seconds)
			throws IOException, InterruptedException {
		Dataset data = this.datasets.get(instance);
		String tag = this.runTag + "-" + instance.index + "-" + (++this.phase);
		List<String> command = List.of("wrk", "-t1", "-c" + this.settings.connections(),
				"-d" + Math.max(1, (long) Math.ceil(seconds)) + "s", "--timeout", "10s", "-s",
				Path.of("scripts/bench/saturate.lua").toString(), instance.baseUrl(), "--", workload.id(), tag,
				ids(data.campaigns()), ids(data.leads()), TestTokens.VALID);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor((long) seconds + 60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("wrk failed on " + instance.name + ":\n" + output);
		}
		Matcher done = WRK_DONE.matcher(output);
		if (!done.find() || Long.parseLong(done.group(1)) == 0) {
			throw new IllegalStateException("wrk served no request on " + instance.name + ":\n" + output);
		}
		return new WrkOutcome(Long.parseLong(done.group(1)), Long.parseLong(done.group(2)) / 1e6,
				Long.parseLong(done.group(3)), done.group(4));
	}

	private static String ids(long[] ids) {
		return Arrays.stream(ids).mapToObj(Long::toString).collect(Collectors.joining(","));
	}

	/**
	 * One fixed-rate run with Gatling's open model: requests arrive at {@code rate} a
	 * second whether or not earlier ones have answered, and Gatling's percentiles (whole
	 * milliseconds, HdrHistogram) come from its summary. Its HTML report stays in the
	 * run's directory.
	 */
	private void fixedRate(Workload workload, Instance instance, int round, double rate) throws Exception {
		Path results = this.out.resolve("gatling").resolve(workload.id() + "-" + instance.name + "-" + (round + 1));
		Map<String, String> properties = Map.of("target", instance.baseUrl(), "workload", workload.id(), "model",
				"open", "rate", Double.toString(rate), "duration",
				Math.max(1, Math.round(this.settings.durationSeconds() * 1000)) + "ms");
		Path log = this.logs.resolve("gatling-" + workload.id() + "-" + instance.name + "-" + (round + 1) + ".log");
		Process process = new ProcessBuilder(GatlingCommand.of(Path.of(""), results, properties))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		if (!process.waitFor((long) this.settings.durationSeconds() + 180, TimeUnit.SECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException("Gatling failed on " + instance.name + "; see " + log);
		}
		Map<String, String[]> summary = gatlingSummary(Files.readAllLines(log));
		long requests = gatlingCount(summary, "request count", 1);
		long ko = gatlingCount(summary, "request count", 3);
		if (requests == 0) {
			throw new IllegalStateException("Gatling sent no request to " + instance.name + "; see " + log);
		}
		double p50 = gatlingCount(summary, "response time 50th percentile (ms)", 1);
		double p99 = gatlingCount(summary, "response time 99th percentile (ms)", 1);
		this.results.countUnexpected(workload, instance.index, ko);
		this.results.of(workload, Results.Figure.P50).add(instance.index, p50);
		this.results.of(workload, Results.Figure.P99).add(instance.index, p99);
		log(String.format(Locale.ROOT, "%s round %d/%d %s at %.0f/s: p50 %.0f ms, p99 %.0f ms%s", workload.id(),
				round + 1, this.settings.rounds(), instance.name, rate, p50, p99, unexpected(ko)));
	}

	/** The "Global Information" lines Gatling prints after its run, by name. */
	private static Map<String, String[]> gatlingSummary(List<String> lines) {
		Map<String, String[]> figures = new HashMap<>();
		boolean inSummary = false;
		for (String line : lines) {
			if (line.startsWith("---- Global Information")) {
				inSummary = true;
			}
			else if (line.startsWith("----")) {
				inSummary = false;
			}
			Matcher figure = GATLING_FIGURE.matcher(line);
			if (inSummary && figure.matches()) {
				figures.put(figure.group(1).trim(),
						new String[] { figure.group(1), figure.group(2), figure.group(3), figure.group(4) });
			}
		}
		return figures;
	}

	/** A column of a summary line (1 total, 2 OK, 3 KO); Gatling writes "-" for none. */
	private static long gatlingCount(Map<String, String[]> summary, String name, int column) {
		String[] figure = summary.get(name);
		if (figure == null) {
			throw new IllegalStateException("Gatling's summary has no '" + name + "' line");
		}
		String value = figure[column].replace(",", "");
		return value.equals("-") ? 0 : Math.round(Double.parseDouble(value));
	}

	/**
	 * {@code /actuator/prometheus} as Prometheus asks for it (OpenMetrics), after the
	 * workloads have created a typical run's series, one scrape after another.
	 */
	private void measureScrapes() throws IOException, InterruptedException {
		for (Instance instance : this.pair) {
			for (int i = 0; i < 10; i++) {
				instance.scrapeMetrics();
			}
		}
		for (int round = 0; round < this.settings.rounds(); round++) {
			for (Instance instance : inOrder(round)) {
				Histogram nanos = new Histogram(3);
				Instance.Scrape last = null;
				for (int i = 0; i < this.settings.scrapes(); i++) {
					last = instance.scrapeMetrics();
					nanos.recordValue(last.nanos());
				}
				double p50 = nanos.getValueAtPercentile(50) / 1e6;
				double p99 = nanos.getValueAtPercentile(99) / 1e6;
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

	/**
	 * Round {@code n}'s order: the instances rotated by {@code n}, so that each goes
	 * first, and after each other one, as often as the rounds allow.
	 */
	private List<Instance> inOrder(int n) {
		List<Instance> order = new ArrayList<>(this.pair);
		java.util.Collections.rotate(order, -(n % order.size()));
		return order;
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
			jcmd(instance, "JFR.start", "name=bench-" + workload.id(), "settings=profile",
					"jdk.CPUTimeSample#enabled=true");
			this.recordings.add(new JfrWindow(workload, instance,
					directory.resolve(workload.id() + "-" + instance.name + ".jfr")));
		}
	}

	private void stopRecordings(Workload workload) throws IOException, InterruptedException {
		for (JfrWindow window : this.recordings) {
			if (window.workload() == workload) {
				jcmd(window.instance(), "JFR.stop", "name=bench-" + workload.id(),
						"filename=" + window.file().toAbsolutePath());
			}
		}
	}

	/**
	 * Writes, next to each recording, JFR's own views of it ({@code jfr view}: hot
	 * methods, CPU time, allocation, GC) and the one summary they lack: where the CPU and
	 * the allocation went by component of the request path ({@link JfrSummary}).
	 */
	private void summarizeRecordings() throws IOException, InterruptedException {
		for (JfrWindow window : this.recordings) {
			StringBuilder text = new StringBuilder();
			text.append("==== ").append(window.workload().title()).append(", ").append(window.instance().name);
			text.append(" (measured rounds only) ====\n");
			text.append(JfrSummary.summarize(window.file()));
			for (String view : List.of("cpu-time-hot-methods", "hot-methods", "allocation-by-class",
					"allocation-by-site", "thread-allocation", "gc-cpu-time")) {
				text.append("\n---- jfr view ").append(view).append(" ----\n");
				text.append(jfr("view", "--width", "160", view, window.file().toString()));
			}
			Path summary = window.file().resolveSibling(window.file().getFileName().toString().replace(".jfr", ".txt"));
			Files.writeString(summary, text);
		}
		log("JFR recordings and their summaries (*.txt) in " + this.out.resolve("jfr"));
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

	private static String jfr(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jfr").toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String text;
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			text = reader.lines().collect(Collectors.joining("\n", "", "\n"));
		}
		process.waitFor(60, TimeUnit.SECONDS);
		return text;
	}

	private void stopInstances() throws InterruptedException {
		for (Instance instance : this.pair) {
			instance.stop();
		}
	}

	private static String unexpected(long count) {
		return (count == 0) ? "" : " (" + count + " unexpected statuses)";
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

	private static void deleteTree(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (var paths = Files.walk(directory)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

	/** Every knob, from the environment that {@code scripts/bench.sh} sets up. */
	record Settings(Path out, Path jar, Path agent, Path pgBin, List<Workload> workloads, int rounds,
			double durationSeconds, double warmupSeconds, int connections, double maxRate, int starts, int scrapes,
			String heap, boolean jfr, boolean smoke, boolean keepLogs, String commit, String command) {

		static Settings fromEnvironment() {
			boolean smoke = flag("BENCH_SMOKE");
			String defaultOut = "bench-results/"
					+ ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
			List<Workload> workloads = Arrays.stream(env("BENCH_WORKLOADS", "get,stats,post,mix").split(","))
				.map(Workload::of)
				.toList();
			if (workloads.contains(Workload.REALISTIC)) {
				throw new IllegalArgumentException("BENCH_WORKLOADS: the realistic mix has client errors by design; "
						+ "the benchmark compares get, stats, post and mix");
			}
			return new Settings(Path.of(env("BENCH_OUT", defaultOut)), Path.of(env("BENCH_JAR", "target/crm-api.jar")),
					Path.of(System.getenv("BENCH_AGENT_JAR")),
					Path.of(env("BENCH_PG_BIN", "/usr/lib/postgresql/15/bin")), workloads,
					Integer.parseInt(env("BENCH_ROUNDS", smoke ? "1" : "3")),
					Double.parseDouble(env("BENCH_DURATION", smoke ? "1" : "7")),
					Double.parseDouble(env("BENCH_WARMUP", smoke ? "0.5" : "10")),
					Integer.parseInt(env("BENCH_CONNECTIONS", "16")),
					Double.parseDouble(env("BENCH_MAX_RATE", "400")),
					Integer.parseInt(env("BENCH_STARTS", smoke ? "1" : "3")),
					Integer.parseInt(env("BENCH_SCRAPES", smoke ? "20" : "200")), env("BENCH_HEAP", "512m"),
					flag("BENCH_JFR"), smoke, flag("BENCH_KEEP_LOGS"), env("BENCH_COMMIT", "unknown"),
					env("BENCH_COMMAND", "scripts/bench.sh"));
		}

		List<String> jvmFlags() {
			return List.of("-Xms" + this.heap, "-Xmx" + this.heap, "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError");
		}

		String parameters() {
			return String.format(Locale.ROOT,
					"%s%d round(s) of %.1f s per phase after %.1f s of warm-up per workload (and twice that with the "
							+ "mix first); saturation: wrk, %d connections, closed loop; fixed rate: Gatling's open "
							+ "model at half the slower instance's saturation, at most %.0f/s, latency in whole "
							+ "milliseconds; %d start(s) per instance; %d scrapes per round%s",
					this.smoke ? "SMOKE (figures meaningless; all instances started at once): " : "", this.rounds,
					this.durationSeconds, this.warmupSeconds, this.connections, this.maxRate, this.starts,
					this.scrapes, this.jfr ? "; JFR recording the measured rounds (slows every instance)" : "");
		}

		String describe() {
			return "workloads " + this.workloads.stream().map(Workload::id).toList() + "; " + parameters();
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
