package dev.crm.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.crm.load.GatlingCommand;
import dev.crm.load.LoadSimulation;

import static org.awaitility.Awaitility.await;

/**
 * The realistic mix at a constant arrival rate for as long as the run lasts: the
 * repository's Gatling simulation ({@link LoadSimulation}), as the runbooks run it, in a
 * JVM of its own so that its threads and heap stay out of the test JVM. Its output is
 * {@code load.log} and its HTML report {@code gatling/} under the run's directory.
 */
final class BackgroundLoad {

	/**
	 * The figures of Gatling's summary worth a line in the timeline; total, OK, KO each.
	 */
	private static final List<String> SUMMARY_FIGURES = List.of("request count", "mean throughput",
			"response time 50th", "response time 99th");

	private final Process process;

	private final Path log;

	private final Path stopFile;

	private BackgroundLoad(Process process, Path log, Path stopFile) {
		this.process = process;
		this.log = log;
		this.stopFile = stopFile;
	}

	/**
	 * @param target the API's base URL
	 * @param rate requests a second, whether or not earlier ones have answered
	 * @param duration the longest the load lasts; {@link #stop()} ends it earlier
	 */
	static BackgroundLoad start(String target, double rate, Duration duration, Path directory) {
		Path log = directory.resolve("load.log");
		Path stopFile = directory.resolve("load.stop");
		try {
			Files.deleteIfExists(stopFile);
			List<String> command = new ArrayList<>(GatlingCommand.of(StackConfig.ROOT, directory.resolve("gatling"),
					Map.of("target", target, "workload", "realistic", "model", "open", "rate", Double.toString(rate),
							"duration", duration.toSeconds() + "s", "stopFile", stopFile.toString())));
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			BackgroundLoad load = new BackgroundLoad(process, log, stopFile);
			// A test JVM that is killed (a timeout, Ctrl-C) takes the load with it.
			Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
			return load;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the load", ex);
		}
	}

	/**
	 * Returns once the load sends: the JVM starts and the simulation prepares the rows it
	 * reads first, which takes a while on a busy machine.
	 */
	void awaitSending() {
		await("load sending").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
			if (!this.process.isAlive() && !logText().contains(LoadSimulation.STARTED)) {
				throw new IllegalStateException("The load exited before sending:\n" + logText());
			}
			return logText().contains(LoadSimulation.STARTED);
		});
	}

	/**
	 * Ends the run the way its duration would (Gatling then prints its summary and writes
	 * its report) and returns what was sent: the achieved rate, the request count with OK
	 * and KO, the latency percentiles, and the status behind every KO.
	 */
	String stop() {
		try {
			Files.writeString(this.stopFile, "stop\n");
			// The simulation checks for the file at each new request; the report follows.
			if (!this.process.waitFor(2, TimeUnit.MINUTES)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				return "the load did not stop within 2 minutes; see " + this.log;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return summary(logText().lines().toList()) + " (Gatling's report: " + this.log.resolveSibling("gatling") + ")";
	}

	/**
	 * Gatling's final count, rate and percentiles (total, OK and KO), and its last
	 * "Errors" block: a line per check that failed, with the status found and its count.
	 */
	static String summary(List<String> lines) {
		List<String> figures = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		String block = "";
		for (String line : lines) {
			if (line.startsWith("---- ")) {
				block = line;
				if (line.startsWith("---- Errors")) {
					errors.clear();
				}
				if (line.startsWith("---- Global Information")) {
					figures.clear();
				}
			}
			else if (line.startsWith("> ") && block.startsWith("---- Global Information")
					&& SUMMARY_FIGURES.stream().anyMatch(line.substring(2)::startsWith)) {
				figures.add(compact(line));
			}
			else if (line.startsWith("> ") && block.startsWith("---- Errors")) {
				errors.add(compact(line));
			}
		}
		if (figures.isEmpty()) {
			return "no summary from Gatling";
		}
		return String.join("; ", figures) + (errors.isEmpty() ? "; no KO" : "; KOs: " + String.join("; ", errors));
	}

	/** A table line of Gatling's console, without its padding. */
	private static String compact(String line) {
		return line.substring(2).replaceAll("\\s*\\|\\s*", " | ").replaceAll("\\s{2,}", " ").trim();
	}

	private String logText() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
