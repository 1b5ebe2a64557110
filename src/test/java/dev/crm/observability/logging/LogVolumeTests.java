package dev.crm.observability.logging;

import java.io.ByteArrayOutputStream;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encoder counts exactly the bytes the appender writes, by logger group and level,
 * and no logger name adds a series. The lines go at TRACE, which no other test's
 * configuration writes, so the shared counts of that level are this test's alone.
 */
class LogVolumeTests {

	@Test
	void countsTheBytesTheAppenderWritesByGroupAndLevel() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		LogVolume.bindTo(registry);
		double linesBefore = count(registry, LogVolume.LINES, "other", "trace");
		double bytesBefore = count(registry, LogVolume.BYTES, "other", "trace");
		double accessBefore = count(registry, LogVolume.BYTES, AccessLog.LOGGER_NAME, "trace");
		ByteArrayOutputStream written = new ByteArrayOutputStream();
		LoggerContext context = new LoggerContext();
		OutputStreamAppender<ILoggingEvent> appender = appender(context, written);

		Logger logger = context.getLogger("org.example.volume");
		logger.setLevel(Level.TRACE);
		logger.addAppender(appender);
		// Non-ASCII characters are two or three bytes each: a count of characters would
		// miss.
		logger.trace("Kundenliste exportiert für Zoë, 顧客 {}", 42);
		logger.trace("a short line");
		logger.trace("a line with a stack trace", new IllegalStateException("boom"));
		appender.stop();

		assertThat(written.size()).isGreaterThan(200);
		assertThat(count(registry, LogVolume.LINES, "other", "trace") - linesBefore).isEqualTo(3);
		assertThat(count(registry, LogVolume.BYTES, "other", "trace") - bytesBefore).isEqualTo(written.size());
		assertThat(count(registry, LogVolume.BYTES, AccessLog.LOGGER_NAME, "trace")).isEqualTo(accessBefore);
	}

	@Test
	void everyLoggerNameFallsInOneOfFourGroups() {
		assertThat(LogVolume.GROUPS.get(LogVolume.groupIndex(AccessLog.LOGGER_NAME))).isEqualTo("crm.access");
		assertThat(LogVolume.GROUPS.get(LogVolume.groupIndex("crm.access.more"))).isEqualTo("other");
		assertThat(LogVolume.GROUPS.get(LogVolume.groupIndex("dev.crm.lead.LeadService"))).isEqualTo("dev.crm");
		assertThat(LogVolume.GROUPS.get(LogVolume.groupIndex("dev.crmx.Thing"))).isEqualTo("other");
		assertThat(LogVolume.GROUPS.get(LogVolume.groupIndex("org.springframework.web.servlet.DispatcherServlet")))
			.isEqualTo("org.springframework");
		assertThat(LogVolume.GROUPS.get(LogVolume.groupIndex("org.hibernate.SQL"))).isEqualTo("other");
		assertThat(LogVolume.GROUPS.get(LogVolume.groupIndex(Logger.ROOT_LOGGER_NAME))).isEqualTo("other");
	}

	@Test
	void theSeriesAreFixedWhateverLogs() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		LogVolume.bindTo(registry);
		int meters = registry.getMeters().size();
		assertThat(meters).isEqualTo(2 * 4 * 5);

		LoggerContext context = new LoggerContext();
		OutputStreamAppender<ILoggingEvent> appender = appender(context, new ByteArrayOutputStream());
		for (int i = 0; i < 200; i++) {
			Logger logger = context.getLogger("dev.crm." + UUID.randomUUID());
			logger.setLevel(Level.TRACE);
			logger.addAppender(appender);
			logger.trace("line {}", i);
		}
		appender.stop();
		assertThat(registry.getMeters()).hasSize(meters);
	}

	private static OutputStreamAppender<ILoggingEvent> appender(LoggerContext context, ByteArrayOutputStream out) {
		context.setMDCAdapter(new LogbackMDCAdapter());
		MeasuredLineEncoder encoder = new MeasuredLineEncoder();
		encoder.setContext(context);
		encoder.setAccessLines(logstash(context));
		encoder.setOtherLines(logstash(context));
		encoder.start();
		OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
		appender.setContext(context);
		appender.setEncoder(encoder);
		appender.setOutputStream(out);
		appender.start();
		return appender;
	}

	private static LogstashEncoder logstash(LoggerContext context) {
		LogstashEncoder encoder = new LogstashEncoder();
		encoder.setContext(context);
		return encoder;
	}

	private static double count(SimpleMeterRegistry registry, String name, String group, String level) {
		return registry.get(name).tag("logger_group", group).tag("level", level).functionCounter().count();
	}

}
