package dev.crm.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.crm.load.CpuSteal;

/**
 * What each scenario caused and how long it took, from the fault to the notification (or
 * to the state in Prometheus or Alertmanager). Recorded, printed and written to the run's
 * directory; never asserted.
 */
final class Timeline {

	private final Instant start = Instant.now();

	private final CpuSteal steal = CpuSteal.start();

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
			// The host's share of this machine's CPU time: every duration above
			// stretches with it, which is why none is asserted.
			.append("; CPU steal meanwhile: ")
			.append(this.steal.sinceStart(0))
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

	private static String seconds(Duration duration) {
		return String.format("%.1f s", duration.toMillis() / 1000.0);
	}

	private record Row(String scenario, String outcome, Duration took, Duration at) {
	}

}
