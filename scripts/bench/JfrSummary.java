import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a flight recording's CPU and allocation went, as plain text: samples by thread;
 * by component, both innermost (each sample to the first component from the top of its
 * stack, adding up to 100%) and inclusive (anywhere on the stack, overlapping); the own
 * work of each filter and interceptor outside the chain it wraps; by library and hot
 * method; and allocation the same ways, by class and by site. Run on its own with {@code java scripts/bench/JfrSummary.java FILE.jfr}.
 */
final class JfrSummary {

	/**
	 * The components worth telling apart when looking for what instrumentation costs,
	 * matched on the class (and method) of a frame; the first that matches a frame names
	 * it, so the specific ones come first.
	 */
	private static final List<Component> COMPONENTS = List.of(
			leaf("SensitiveData.mask (value regexes)",
					(type, method) -> type.endsWith(".SensitiveData") && method.equals("mask")),
			leaf("SensitiveData.isSensitiveName (field names)",
					(type, method) -> type.endsWith(".SensitiveData") && method.equals("isSensitiveName")),
			leaf("Sensitive*Masker (logstash masker plug-ins)", (type, method) -> type.contains(".Sensitive")
					&& type.endsWith("Masker")),
			leaf("logstash masking decorator (MaskingJsonGenerator)",
					(type, method) -> type.startsWith("net.logstash.logback.mask.")),
			leaf("logstash JSON encoder and async appender", (type, method) -> type.startsWith("net.logstash.logback.")),
			leaf("logback", (type, method) -> type.startsWith("ch.qos.logback.")),
			leaf("MDC put/remove/copy", (type, method) -> type.equals("org.slf4j.MDC") || type.contains("MDCAdapter")
					|| type.contains("MdcAdapter")),
			anyCaller("java.util.regex (any caller)", (type, method) -> type.startsWith("java.util.regex.")),
			wrapper("AccessLogFilter", (type, method) -> type.endsWith(".AccessLogFilter")
					|| type.contains(".AccessLogFilter$")),
			leaf("ClientAddress (access log client)", (type, method) -> type.endsWith(".ClientAddress")),
			wrapper("RequestIdFilter", (type, method) -> type.endsWith(".RequestIdFilter")),
			wrapper("ServerHttpObservationFilter (HTTP observation)",
					(type, method) -> type.endsWith(".ServerHttpObservationFilter")),
			wrapper("RepositoryObservationInterceptor (DB observation)",
					(type, method) -> type.contains(".RepositoryObservationInterceptor")),
			leaf("exemplar sampling", (type, method) -> type.contains("Exemplar")),
			wrapper("Micrometer Observation API", (type, method) -> type.startsWith("io.micrometer.observation.")),
			leaf("Micrometer Tracing bridge", (type, method) -> type.startsWith("io.micrometer.tracing.")),
			leaf("OpenTelemetry SDK/API", (type, method) -> type.startsWith("io.opentelemetry.")),
			leaf("Micrometer meters (timers, counters)", (type, method) -> type.startsWith("io.micrometer.core.")),
			leaf("Prometheus client", (type, method) -> type.startsWith("io.prometheus.")
					|| type.startsWith("io.micrometer.prometheus")),
			leaf("Sentry", (type, method) -> type.startsWith("io.sentry.")),
			leaf("Jackson", (type, method) -> type.startsWith("tools.jackson.") || type.startsWith("com.fasterxml.jackson.")),
			leaf("PostgreSQL JDBC driver", (type, method) -> type.startsWith("org.postgresql.")),
			leaf("HikariCP", (type, method) -> type.startsWith("com.zaxxer.hikari.")),
			leaf("Lettuce and Netty (Redis)", (type, method) -> type.startsWith("io.lettuce.")
					|| type.startsWith("io.netty.")),
			wrapper("Spring MVC", (type, method) -> type.startsWith("org.springframework.web.")),
			wrapper("Spring (other)", (type, method) -> type.startsWith("org.springframework.")),
			wrapper("application code (dev.crm)", (type, method) -> type.startsWith("dev.crm.")),
			wrapper("Tomcat", (type, method) -> type.startsWith("org.apache.catalina.")
					|| type.startsWith("org.apache.coyote.") || type.startsWith("org.apache.tomcat.")));

	private static final int TOP = 25;

	private JfrSummary() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length != 1) {
			System.err.println("usage: java scripts/bench/JfrSummary.java RECORDING.jfr");
			System.exit(2);
		}
		System.out.print(summarize(Path.of(args[0])));
	}

	static String summarize(Path recording) throws IOException {
		return read(recording).full();
	}

	/**
	 * The short view the benchmark prints: where the CPU went by component, and the
	 * hottest frames, {@code top} lines each.
	 */
	static String topFrames(Path recording, int top) throws IOException {
		return read(recording).top(top);
	}

	private static Profile read(Path recording) throws IOException {
		Tally cpu = new Tally();
		Tally wallSamples = new Tally();
		Tally allocation = new Tally();
		Map<Long, long[]> threadAllocated = new HashMap<>();
		Map<Long, String> threadNames = new HashMap<>();
		Set<Long> threadsWithAllocationSample = new HashSet<>();
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				switch (event.getEventType().getName()) {
					case "jdk.CPUTimeSample" -> cpu.add(event.getThread("eventThread"), event.getStackTrace(), 1);
					case "jdk.ExecutionSample" ->
						wallSamples.add(event.getThread("sampledThread"), event.getStackTrace(), 1);
					case "jdk.ObjectAllocationSample" -> {
						RecordedThread thread = event.getThread("eventThread");
						// A thread's first sample weighs everything it allocated since
						// before the recording started: leave it out.
						if (thread != null && threadsWithAllocationSample.add(thread.getJavaThreadId())) {
							continue;
						}
						allocation.add(thread, event.getStackTrace(), event.getLong("weight"),
								event.getClass("objectClass").getName());
					}
					case "jdk.ThreadAllocationStatistics" -> {
						RecordedThread thread = event.getThread("thread");
						if (thread != null) {
							long bytes = event.getLong("allocated");
							threadNames.put(thread.getJavaThreadId(), threadGroup(thread));
							threadAllocated.merge(thread.getJavaThreadId(), new long[] { bytes, bytes },
									(old, now) -> new long[] { Math.min(old[0], now[0]), Math.max(old[1], now[1]) });
						}
					}
					default -> {
					}
				}
			}
		}
		Map<String, Long> exact = new HashMap<>();
		long exactTotal = 0;
		for (Map.Entry<Long, long[]> entry : threadAllocated.entrySet()) {
			long grown = entry.getValue()[1] - entry.getValue()[0];
			exact.merge(threadNames.get(entry.getKey()), grown, Long::sum);
			exactTotal += grown;
		}
		boolean cpuTime = cpu.total > 0;
		return new Profile(recording, cpuTime ? cpu : wallSamples,
				cpuTime ? "jdk.CPUTimeSample (CPU time, native included)"
						: "jdk.ExecutionSample (threads running Java code)",
				wallSamples.total, allocation, exact, exactTotal);
	}

	/** The tallies of one recording. */
	private record Profile(Path recording, Tally cpu, String source, long executionSamples, Tally allocation,
			Map<String, Long> exactAllocation, long exactTotal) {

		private String header() {
			return "Recording: " + this.recording.getFileName() + "\nCPU samples: " + this.cpu.total + " from "
					+ this.source + "; jdk.ExecutionSample: " + this.executionSamples + "\n";
		}

		String top(int top) {
			StringBuilder out = new StringBuilder(header());
			section(out, "CPU by thread", this.cpu.byThread, this.cpu.total, "samples", top);
			section(out, "CPU by component, innermost (adds up to 100%)", this.cpu.byInnermost, this.cpu.total,
					"samples", top);
			section(out, "Hot frames (self: the top frame)", this.cpu.bySelf, this.cpu.total, "samples", top);
			section(out, "Hot methods in dev.crm (inclusive)", this.cpu.byOwnInclusive, this.cpu.total, "samples",
					top);
			return out.toString();
		}

		String full() {
			Tally cpu = this.cpu;
			Tally allocation = this.allocation;
			StringBuilder out = new StringBuilder(header());
			section(out, "CPU by thread", cpu.byThread, cpu.total, "samples", TOP);
			section(out, "CPU by component, innermost (the first component from the top of the stack; adds up to 100%)",
					cpu.byInnermost, cpu.total, "samples", TOP);
			section(out, "CPU by component, inclusive (a sample counts once for each of these on its stack)",
					cpu.byComponent, cpu.total, "samples", TOP);
			section(out, "CPU by library, self (the package of the first frame outside the JDK; adds up to 100%)",
					cpu.byLibrary, cpu.total, "samples", TOP);
			section(out, "Own work of filters and interceptors (outside the chain or call they wrap)",
					cpu.byWrapperOwnWork, cpu.total, "samples", TOP);
			section(out, "Hot methods (self: the top frame)", cpu.bySelf, cpu.total, "samples", TOP);
			section(out, "Hot methods in dev.crm (inclusive)", cpu.byOwnInclusive, cpu.total, "samples", TOP);
			out.append("\nAllocation sampled: ").append(bytes(allocation.total)).append(" (jdk.ObjectAllocationSample weights)\n");
			section(out, "Allocation by class", allocation.byClass, allocation.total, "bytes", TOP);
			section(out, "Allocation by thread", allocation.byThread, allocation.total, "bytes", TOP);
			section(out, "Allocation by component, innermost", allocation.byInnermost, allocation.total, "bytes", TOP);
			section(out, "Allocation by component, inclusive", allocation.byComponent, allocation.total, "bytes", TOP);
			section(out, "Allocation by library, self (first frame outside the JDK)", allocation.byLibrary,
					allocation.total, "bytes", TOP);
			section(out, "Allocation in the own work of filters and interceptors", allocation.byWrapperOwnWork,
					allocation.total, "bytes", TOP);
			section(out, "Allocation sites (first frame outside java.*, jdk.*, sun.*)", allocation.bySite,
					allocation.total, "bytes", TOP);
			out.append("\nAllocation by thread, exact (jdk.ThreadAllocationStatistics, growth over the recording): ")
				.append(bytes(this.exactTotal))
				.append('\n');
			section(out, null, this.exactAllocation, this.exactTotal, "bytes", TOP);
			return out.toString();
		}

	}

	private static void section(StringBuilder out, String title, Map<String, Long> counts, long total, String unit,
			int top) {
		if (title != null) {
			out.append('\n').append(title).append('\n');
		}
		List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
		entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
		for (Map.Entry<String, Long> entry : entries.subList(0, Math.min(top, entries.size()))) {
			double share = (total > 0) ? 100.0 * entry.getValue() / total : 0;
			String amount = unit.equals("bytes") ? bytes(entry.getValue()) : Long.toString(entry.getValue());
			out.append(String.format("  %5.1f%%  %10s  %s%n", share, amount, entry.getKey()));
		}
	}

	private static String bytes(long bytes) {
		if (bytes >= 1L << 30) {
			return String.format("%.2f GB", bytes / (double) (1L << 30));
		}
		if (bytes >= 1L << 20) {
			return String.format("%.1f MB", bytes / (double) (1L << 20));
		}
		return String.format("%.1f KB", bytes / 1024.0);
	}

	/** Thread names with their numbers folded, so a pool reads as one line. */
	static String threadGroup(RecordedThread thread) {
		if (thread == null) {
			return "(no thread)";
		}
		String name = (thread.getJavaName() != null) ? thread.getJavaName() : thread.getOSName();
		return (name != null) ? name.replaceAll("[0-9]+", "#") : "(unnamed)";
	}

	private static boolean isJdk(String type) {
		return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.");
	}

	/**
	 * The package a frame belongs to, to three levels ({@code net.logstash.logback}),
	 * and to four in our own code ({@code dev.crm.observability.logging}).
	 */
	private static String library(String type) {
		String[] parts = type.split("\\.");
		int depth = type.startsWith("dev.crm.") ? 4 : 3;
		return String.join(".", java.util.Arrays.copyOf(parts, Math.min(depth, parts.length - 1)));
	}

	private static String frameName(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

	/** Counts by thread, component, method and site. */
	private static final class Tally {

		long total;

		final Map<String, Long> byThread = new HashMap<>();

		final Map<String, Long> byComponent = new HashMap<>();

		final Map<String, Long> bySelf = new HashMap<>();

		final Map<String, Long> byOwnInclusive = new HashMap<>();

		final Map<String, Long> byClass = new HashMap<>();

		final Map<String, Long> byLibrary = new HashMap<>();

		final Map<String, Long> byInnermost = new HashMap<>();

		final Map<String, Long> byWrapperOwnWork = new HashMap<>();

		final Map<String, Long> bySite = new HashMap<>();

		void add(RecordedThread thread, RecordedStackTrace stack, long weight) {
			add(thread, stack, weight, null);
		}

		void add(RecordedThread thread, RecordedStackTrace stack, long weight, String objectClass) {
			this.total += weight;
			this.byThread.merge(threadGroup(thread), weight, Long::sum);
			if (objectClass != null) {
				this.byClass.merge(objectClass, weight, Long::sum);
			}
			if (stack == null || stack.getFrames().isEmpty()) {
				return;
			}
			List<RecordedFrame> frames = stack.getFrames();
			this.bySelf.merge(frameName(frames.getFirst()), weight, Long::sum);
			Set<String> components = new LinkedHashSet<>();
			Set<String> own = new LinkedHashSet<>();
			String site = null;
			String library = null;
			String innermost = null;
			boolean underChain = false;
			String wrapper = null;
			for (RecordedFrame frame : frames) {
				if (!frame.isJavaFrame()) {
					continue;
				}
				String type = frame.getMethod().getType().getName();
				String method = frame.getMethod().getName();
				if (library == null && !isJdk(type)) {
					library = library(type);
				}
				// Walking from the top frame down: the first filter or interceptor met
				// before any call into the chain it wraps is doing its own work.
				if ((type.contains("FilterChain") && method.equals("doFilter")) || method.equals("proceed")) {
					underChain = true;
				}
				else if (wrapper == null && !underChain && (method.equals("doFilterInternal")
						|| type.endsWith(".RepositoryObservationInterceptor") && method.equals("invoke"))) {
					wrapper = type.substring(type.lastIndexOf('.') + 1) + "." + method;
				}
				for (Component component : COMPONENTS) {
					if (component.matches().test(type, method)) {
						if (component.inclusive()) {
							components.add(component.name());
						}
						if (innermost == null && component.owns()) {
							innermost = component.name();
						}
						break;
					}
				}
				if (type.startsWith("dev.crm.")) {
					own.add(frameName(frame));
				}
				if (site == null && !isJdk(type)) {
					site = frameName(frame);
				}
			}
			this.byLibrary.merge((library != null) ? library : "(JDK only)", weight, Long::sum);
			this.byInnermost.merge((innermost != null) ? innermost : "(other)", weight, Long::sum);
			if (wrapper != null) {
				this.byWrapperOwnWork.merge(wrapper, weight, Long::sum);
			}
			for (String component : components) {
				this.byComponent.merge(component, weight, Long::sum);
			}
			for (String method : own) {
				this.byOwnInclusive.merge(method, weight, Long::sum);
			}
			if (site != null) {
				this.bySite.merge(site, weight, Long::sum);
			}
		}

	}

	/**
	 * @param inclusive whether a share of the samples that have it anywhere on the stack
	 * means something: not for code that wraps other work (a filter includes the whole
	 * request beneath it)
	 * @param owns whether a frame of it owns the work done in the JDK frames above it
	 * (not for the regex engine: its caller is the one to name)
	 */
	private record Component(String name, boolean inclusive, boolean owns, BiPredicate<String, String> matches) {
	}

	private static Component leaf(String name, BiPredicate<String, String> matches) {
		return new Component(name, true, true, matches);
	}

	private static Component wrapper(String name, BiPredicate<String, String> matches) {
		return new Component(name, false, true, matches);
	}

	private static Component anyCaller(String name, BiPredicate<String, String> matches) {
		return new Component(name, true, false, matches);
	}

}
