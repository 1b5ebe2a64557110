package dev.crm.observability.logging;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

import ch.qos.logback.classic.Level;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The log lines and bytes crm-api writes, by logger group and level
 * ({@code crm_log_lines_total}, {@code crm_log_bytes_total}): what a log store ingests
 * and bills by. The encoder records into fixed cells, one add per line for each; the
 * meters read them. Both exist for every group and level from the start, so no logger
 * name, and no input, can add a series.
 *
 * <p>
 * The cells are static because logback builds the encoder before Spring exists; the
 * meters of every application context read the same counts.
 */
public final class LogVolume {

	/** Micrometer name; Prometheus shows it as {@code crm_log_lines_total}. */
	public static final String LINES = "crm.log.lines";

	/** Micrometer name; Prometheus shows it as {@code crm_log_bytes_total}. */
	public static final String BYTES = "crm.log.bytes";

	/**
	 * The logger groups, a closed set: access lines, the service's own code, Spring, and
	 * everything else (Hibernate, Tomcat, Lettuce, the Sentry SDK, ...).
	 */
	static final List<String> GROUPS = List.of(AccessLog.LOGGER_NAME, "dev.crm", "org.springframework", "other");

	/** The levels logback writes, in {@link #levelIndex} order. */
	static final List<Level> LEVELS = List.of(Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR);

	private static final LongAdder[][] lines = cells();

	private static final LongAdder[][] bytes = cells();

	private LogVolume() {
	}

	/**
	 * Counts one line that was encoded to {@code length} bytes. As cheap as the access
	 * line's path needs: a string comparison or two and two additions.
	 * @param loggerName the event's logger
	 * @param level the event's level
	 * @param length the bytes the encoder produced for it
	 */
	static void record(String loggerName, Level level, int length) {
		int group = groupIndex(loggerName);
		int levelIndex = levelIndex(level);
		lines[group][levelIndex].increment();
		bytes[group][levelIndex].add(length);
	}

	/**
	 * Registers both counters for every group and level.
	 * @param registry where the meters go
	 */
	static void bindTo(MeterRegistry registry) {
		for (int group = 0; group < GROUPS.size(); group++) {
			for (int level = 0; level < LEVELS.size(); level++) {
				String groupName = GROUPS.get(group);
				String levelName = LEVELS.get(level).levelStr.toLowerCase(Locale.ROOT);
				FunctionCounter.builder(LINES, lines[group][level], LongAdder::doubleValue)
					.description("Log lines written to stdout by logger group (crm.access, dev.crm, "
							+ "org.springframework, other) and level")
					.tags("logger_group", groupName, "level", levelName)
					.register(registry);
				FunctionCounter.builder(BYTES, bytes[group][level], LongAdder::doubleValue)
					.description("Bytes of log lines written to stdout, as encoded, by logger group and level")
					.tags("logger_group", groupName, "level", levelName)
					.register(registry);
			}
		}
	}

	static int groupIndex(String loggerName) {
		if (AccessLog.LOGGER_NAME.equals(loggerName)) {
			return 0;
		}
		if (loggerName.startsWith("dev.crm.")) {
			return 1;
		}
		if (loggerName.startsWith("org.springframework.")) {
			return 2;
		}
		return 3;
	}

	private static int levelIndex(Level level) {
		return switch (level.levelInt) {
			case Level.TRACE_INT -> 0;
			case Level.DEBUG_INT -> 1;
			case Level.INFO_INT -> 2;
			case Level.WARN_INT -> 3;
			default -> 4;
		};
	}

	private static LongAdder[][] cells() {
		LongAdder[][] cells = new LongAdder[GROUPS.size()][LEVELS.size()];
		for (LongAdder[] row : cells) {
			for (int i = 0; i < row.length; i++) {
				row[i] = new LongAdder();
			}
		}
		return cells;
	}

}
