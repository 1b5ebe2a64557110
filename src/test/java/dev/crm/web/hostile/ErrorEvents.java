package dev.crm.web.hostile;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * Every ERROR event the application logs while attached, kept in order. It sits on the
 * root logger beside the application's (asynchronous) JSON appender, but is called on the
 * logging thread itself: an error logged while a request was handled is here before its
 * client sees the answer or the connection close, so the events counted between two cases
 * belong to the first of them.
 */
final class ErrorEvents extends AppenderBase<ILoggingEvent> implements AutoCloseable {

	private final List<ErrorEvent> events = new CopyOnWriteArrayList<>();

	static ErrorEvents attach() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		ErrorEvents appender = new ErrorEvents();
		appender.setContext(context);
		appender.setName("hostile-input-errors");
		appender.start();
		context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
		return appender;
	}

	@Override
	protected void append(ILoggingEvent event) {
		if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
			IThrowableProxy thrown = event.getThrowableProxy();
			this.events.add(new ErrorEvent(event.getLoggerName(), event.getFormattedMessage(),
					(thrown != null) ? thrown.getClassName() + ": " + thrown.getMessage() : null,
					event.getMDCPropertyMap().get("request_id")));
		}
	}

	int count() {
		return this.events.size();
	}

	List<ErrorEvent> from(int index) {
		return List.copyOf(this.events.subList(index, this.events.size()));
	}

	@Override
	public void close() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
		stop();
	}

	/**
	 * One ERROR line, as much of it as a failure needs to name.
	 *
	 * @param logger the logger
	 * @param message the formatted message
	 * @param thrown the exception's class and message, if one was logged
	 * @param requestId the request ID in the MDC, if any
	 */
	record ErrorEvent(String logger, String message, String thrown, String requestId) {

		@Override
		public String toString() {
			String line = "ERROR from " + this.logger + ": " + this.message
					+ ((this.thrown != null) ? " (" + this.thrown + ")" : "");
			return (line.length() > 240) ? line.substring(0, 240) + "..." : line;
		}

	}

}
