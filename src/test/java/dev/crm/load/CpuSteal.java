package dev.crm.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The share of this virtual machine's CPU time that its host gave to other guests since
 * {@link #start()}, from {@code /proc/stat}. Process CPU time does not count it, but
 * every throughput, latency and duration stretches with it; the benchmark and the
 * end-to-end timeline print it beside their figures.
 */
public final class CpuSteal {

	/**
	 * Steal and total ticks at the start, or null where {@code /proc/stat} is missing.
	 */
	private final long[] start;

	private CpuSteal(long[] start) {
		this.start = start;
	}

	public static CpuSteal start() {
		return new CpuSteal(ticks());
	}

	/** The share since the start, in percent, or NaN where it cannot be read. */
	public double percentSinceStart() {
		long[] now = ticks();
		if (this.start == null || now == null || now[1] == this.start[1]) {
			return Double.NaN;
		}
		return 100.0 * (now[0] - this.start[0]) / (now[1] - this.start[1]);
	}

	/**
	 * {@link #percentSinceStart()} with the given decimals and a percent sign, or
	 * "unknown".
	 */
	public String sinceStart(int decimals) {
		double percent = percentSinceStart();
		return Double.isNaN(percent) ? "unknown" : String.format(Locale.ROOT, "%." + decimals + "f%%", percent);
	}

	/**
	 * Steal and total CPU ticks of the machine (the first line of /proc/stat), or null.
	 */
	private static long[] ticks() {
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

}
