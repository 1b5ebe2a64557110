package dev.crm.observability.logging;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import net.logstash.logback.appender.LoggingEventAsyncDisruptorAppender;
import net.logstash.logback.appender.listener.AppenderListener;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * Counts the log lines the asynchronous appender drops because its ring buffer is full
 * ({@code crm_log_events_dropped_total}). Dropping, not waiting, is what keeps logging
 * from ever blocking a request thread; this counter makes the cost visible.
 */
public class DroppedLogEvents implements AppenderListener<ILoggingEvent>, DisposableBean {

	/** Micrometer name; Prometheus shows it as {@code crm_log_events_dropped_total}. */
	public static final String METRIC = "crm.log.events.dropped";

	private final Counter dropped;

	private final List<LoggingEventAsyncDisruptorAppender> appenders;

	public DroppedLogEvents(MeterRegistry registry) {
		this.dropped = Counter.builder(METRIC)
			.description("Log lines dropped because the asynchronous log buffer was full")
			.register(registry);
		this.appenders = asyncAppenders();
		this.appenders.forEach((appender) -> appender.addListener(this));
	}

	@Override
	public void eventAppendFailed(Appender<ILoggingEvent> appender, ILoggingEvent event, Throwable reason) {
		this.dropped.increment();
	}

	@Override
	public void destroy() {
		this.appenders.forEach((appender) -> appender.removeListener(this));
	}

	private static List<LoggingEventAsyncDisruptorAppender> asyncAppenders() {
		List<LoggingEventAsyncDisruptorAppender> found = new ArrayList<>();
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		if (factory instanceof LoggerContext context) {
			Iterator<Appender<ILoggingEvent>> iterator = context.getLogger(Logger.ROOT_LOGGER_NAME)
				.iteratorForAppenders();
			while (iterator.hasNext()) {
				if (iterator.next() instanceof LoggingEventAsyncDisruptorAppender async) {
					found.add(async);
				}
			}
		}
		return found;
	}

}
