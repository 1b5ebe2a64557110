package dev.crm.observability.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import net.logstash.logback.appender.LoggingEventAsyncDisruptorAppender;

/**
 * The asynchronous appender, minus one copy per access line. Before a line crosses to the
 * appender's thread, logback copies the request thread's MDC into it; MDC changes on
 * every request (the trace and span IDs come and go with each span's scope), so that copy
 * is a fresh map per line. An access line carries every ID it needs itself
 * ({@link AccessLog}), and its encoder reads no MDC ({@code logback-spring.xml}), so for
 * it the copy is skipped. Every other line keeps its MDC.
 */
public class AccessLineAwareAsyncAppender extends LoggingEventAsyncDisruptorAppender {

	@Override
	protected void prepareForDeferredProcessing(ILoggingEvent event) {
		if (AccessLog.LOGGER_NAME.equals(event.getLoggerName())) {
			// What LoggingEvent.prepareForDeferredProcessing fixes, but MDC: the
			// message and the thread's name, which the appender's thread could not know.
			event.getFormattedMessage();
			event.getThreadName();
			return;
		}
		super.prepareForDeferredProcessing(event);
	}

}
