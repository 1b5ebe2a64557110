package dev.crm.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What each scenario caused and how long it took, from the fault to the notification (or
 * to the state in Prometheus or Alertmanager). Recorded, printed and written to the run's
 * directory; never asserted.
 */
final class Timeline {

	private final Instant start = Instant.now();

	private final long[] cpuTicksAtStart = cpuTicks();

	private final List<Row> rows = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	synchronized void record(String scenario, String outcome, Instant fault, Instant observed) {
		this.rows
			.add(new Row(scenario, outcome, Duration.between(fault, observed), Duration.between(this.start, observed)));
	}

	synchronized void note(String note) {
		this.notes.add(note);
	}

	synchronized String table() {
		StringBuilder table = new StringBuilder("| scenario | outcome | fault to outcome | at (since start) |\n");
		table.append("|---|---|---|---|\n");
		for (Row row : this.rows) {
			table.append("| ")
				.append(row.scenario())
				.append(" | ")
				.append(row.outcome())
				.append(" | ")
				.append(seconds(row.took()))
				.append(" | ")
				.append(seconds(row.at()))
				.append(" |\n");
		}
		table.append("\nWhole run: ")
			.append(seconds(Duration.between(this.start, Instant.now())))
			.append("; CPU steal meanwhile: ")
			.append(stealSinceStart())
			.append('\n');
		this.notes.forEach((note) -> table.append("- ").append(note).append('\n'));
		return table.toString();
	}

	void write(Path file) {
		try {
			Files.writeString(file, table());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The share of this virtual machine's CPU time its host gave to other guests since
	 * the run started. Every duration above stretches with it, which is why none is
	 * asserted.
	 */
	private String stealSinceStart() {
		long[] now = cpuTicks();
		if (this.cpuTicksAtStart == null || now == null || now[1] == this.cpuTicksAtStart[1]) {
			return "unknown";
		}
		return String.format(Locale.ROOT, "%.0f%%",
				100.0 * (now[0] - this.cpuTicksAtStart[0]) / (now[1] - this.cpuTicksAtStart[1]));
	}

	/**
	 * Steal and total CPU ticks of the machine ({@code /proc/stat}), or null elsewhere.
	 */
	private static long[] cpuTicks() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
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

	private static String seconds(Duration duration) {
		return String.format("%.1f s", duration.toMillis() / 1000.0);
	}

	private record Row(String scenario, String outcome, Duration took, Duration at) {
	}

}
