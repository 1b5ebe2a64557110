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
 * The one view of a flight recording that {@code jfr view} lacks: where the CPU and the
 * allocation went by component of the request path (the access log, masking, MDC, the
 * observation filters, Micrometer, OpenTelemetry...), both innermost (each sample to the
 * first component from the top of its stack, adding up to 100%) and inclusive (anywhere
 * on the stack, overlapping), and the own work of each filter and interceptor outside the
 * chain it wraps. Hot methods, allocation by class, site and thread, and GC come from
 * {@code jfr view}, which the benchmark runs beside it. Run on its own with
 * {@code java scripts/bench/JfrSummary.java FILE.jfr}.
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
			wrapper("AccessLog (access line, at the HTTP observation's stop)",
					(type, method) -> type.endsWith(".logging.AccessLog") || type.contains(".logging.AccessLog$")
							|| type.endsWith(".AccessLineEncoder")),
			wrapper("RequestIdFilter", (type, method) -> type.endsWith(".RequestIdFilter")),
			wrapper("ServerHttpObservationFilter (HTTP observation)",
					(type, method) -> type.endsWith(".ServerHttpObservationFilter")),
			wrapper("RepositoryCallInterceptor (DB timer and span)", JfrSummary::isRepositoryInterceptor),
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

	/*
	 * Also under its name before it stopped making Observations (RepositoryObservation-
	 * Interceptor), so that recordings from before and after compare.
	 */
	private static boolean isRepositoryInterceptor(String type, String method) {
		return type.contains(".RepositoryCallInterceptor") || type.contains(".RepositoryObservationInterceptor");
	}

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
		Tally cpu = new Tally();
		Tally wallSamples = new Tally();
		Tally allocation = new Tally();
		AccessLinePath accessLine = new AccessLinePath();
		Set<Long> threadsWithAllocationSample = new HashSet<>();
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				switch (event.getEventType().getName()) {
					case "jdk.CPUTimeSample" -> {
						cpu.add(event.getStackTrace(), 1);
						accessLine.add(event);
					}
					case "jdk.ExecutionSample" -> wallSamples.add(event.getStackTrace(), 1);
					case "jdk.ObjectAllocationSample" -> {
						RecordedThread thread = event.getThread("eventThread");
						// A thread's first sample weighs everything it allocated since
						// before the recording started: leave it out.
						if (thread != null && threadsWithAllocationSample.add(thread.getJavaThreadId())) {
							continue;
						}
						allocation.add(event.getStackTrace(), event.getLong("weight"));
					}
					default -> {
					}
				}
			}
		}
		boolean cpuTime = cpu.total > 0;
		Tally samples = cpuTime ? cpu : wallSamples;
		StringBuilder out = new StringBuilder("Recording: " + recording.getFileName() + "\nCPU samples: " + samples.total
				+ " from " + (cpuTime ? "jdk.CPUTimeSample (CPU time, native included)"
						: "jdk.ExecutionSample (threads running Java code)")
				+ "\n");
		section(out, "CPU by component, innermost (the first component from the top of the stack; adds up to 100%)",
				samples.byInnermost, samples.total, "samples");
		section(out, "CPU by component, inclusive (a sample counts once for each of these on its stack)",
				samples.byComponent, samples.total, "samples");
		section(out, "Own work of filters and interceptors (outside the chain or call they wrap)",
				samples.byWrapperOwnWork, samples.total, "samples");
		accessLine.appendTo(out, cpu.total);
		out.append("\nAllocation sampled: ")
			.append(bytes(allocation.total))
			.append(" (jdk.ObjectAllocationSample weights)\n");
		section(out, "Allocation by component, innermost", allocation.byInnermost, allocation.total, "bytes");
		section(out, "Allocation by component, inclusive", allocation.byComponent, allocation.total, "bytes");
		section(out, "Allocation in the own work of filters and interceptors", allocation.byWrapperOwnWork,
				allocation.total, "bytes");
		return out.toString();
	}

	private static void section(StringBuilder out, String title, Map<String, Long> counts, long total, String unit) {
		out.append('\n').append(title).append('\n');
		List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
		entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
		for (Map.Entry<String, Long> entry : entries.subList(0, Math.min(TOP, entries.size()))) {
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

	/**
	 * The CPU samples of the access line: the request thread's under
	 * {@code AccessLog.onStop} (the line is built and handed over there), and the log
	 * thread's (it encodes and writes; in the benchmark it writes little else), with their
	 * innermost frames. Its share times an instance's CPU per request is the line's cost.
	 */
	private static final class AccessLinePath {

		private static final String LOG_THREAD = "logback-appender";

		long requestThread;

		long logThread;

		final Map<String, Long> innermost = new HashMap<>();

		void add(RecordedEvent event) {
			RecordedStackTrace stack = event.getStackTrace();
			if (stack == null || stack.getFrames().isEmpty()) {
				return;
			}
			RecordedThread thread = event.getThread("eventThread");
			boolean onLogThread = thread != null && thread.getJavaName() != null
					&& thread.getJavaName().startsWith(LOG_THREAD);
			boolean underAccessLog = stack.getFrames()
				.stream()
				.anyMatch((frame) -> frame.getMethod().getType().getName().endsWith(".logging.AccessLog")
						&& frame.getMethod().getName().equals("onStop"));
			if (!onLogThread && !underAccessLog) {
				return;
			}
			if (onLogThread) {
				this.logThread++;
			}
			else {
				this.requestThread++;
			}
			RecordedFrame top = stack.getFrames().get(0);
			String type = top.getMethod().getType().getName();
			this.innermost.merge((onLogThread ? "log thread: " : "request thread: ")
					+ type.substring(type.lastIndexOf('.') + 1) + "." + top.getMethod().getName(), 1L, Long::sum);
		}

		void appendTo(StringBuilder out, long total) {
			long path = this.requestThread + this.logThread;
			out.append(String.format(
					"%nThe access line's path: %d of %d CPU samples (%.1f%%): %d on request threads under AccessLog.onStop, %d on the log thread%n",
					path, total, (total > 0) ? 100.0 * path / total : 0, this.requestThread, this.logThread));
			section(out, "Its innermost frames (share of the path's samples)", this.innermost, path, "samples");
		}

	}

	/** Counts by component. */
	private static final class Tally {

		long total;

		final Map<String, Long> byComponent = new HashMap<>();

		final Map<String, Long> byInnermost = new HashMap<>();

		final Map<String, Long> byWrapperOwnWork = new HashMap<>();

		void add(RecordedStackTrace stack, long weight) {
			this.total += weight;
			if (stack == null || stack.getFrames().isEmpty()) {
				return;
			}
			Set<String> components = new LinkedHashSet<>();
			String innermost = null;
			boolean underChain = false;
			String wrapper = null;
			for (RecordedFrame frame : stack.getFrames()) {
				if (!frame.isJavaFrame()) {
					continue;
				}
				String type = frame.getMethod().getType().getName();
				String method = frame.getMethod().getName();
				// Walking from the top frame down: the first filter or interceptor met
				// before any call into the chain it wraps is doing its own work.
				if ((type.contains("FilterChain") && method.equals("doFilter")) || method.equals("proceed")) {
					underChain = true;
				}
				else if (wrapper == null && !underChain && (method.equals("doFilterInternal")
						|| isRepositoryInterceptor(type, method) && method.equals("invoke"))) {
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
			}
			this.byInnermost.merge((innermost != null) ? innermost : "(other)", weight, Long::sum);
			if (wrapper != null) {
				this.byWrapperOwnWork.merge(wrapper, weight, Long::sum);
			}
			for (String component : components) {
				this.byComponent.merge(component, weight, Long::sum);
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
