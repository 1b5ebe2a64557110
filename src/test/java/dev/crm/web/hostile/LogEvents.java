package dev.crm.web.hostile;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import dev.crm.observability.logging.AccessLog;
import org.slf4j.LoggerFactory;

/**
 * What the application logs while attached: every ERROR event, in order, and how many
 * access lines each request ID got. It sits on the root logger beside the application's
 * (asynchronous) JSON appender, but is called on the logging thread itself: an error
 * logged while a request was handled is here before its client sees the answer or the
 * connection close, so the errors counted between two cases belong to the first of them.
 */
final class LogEvents extends AppenderBase<ILoggingEvent> implements AutoCloseable {

	private final List<ErrorEvent> errors = new CopyOnWriteArrayList<>();

	private final Map<String, Integer> accessLines = new ConcurrentHashMap<>();

	static LogEvents attach() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		LogEvents appender = new LogEvents();
		appender.setContext(context);
		appender.setName("hostile-input-log-events");
		appender.start();
		context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
		return appender;
	}

	@Override
	protected void append(ILoggingEvent event) {
		String requestId = event.getMDCPropertyMap().get("request_id");
		if (AccessLog.LOGGER_NAME.equals(event.getLoggerName()) && requestId != null) {
			this.accessLines.merge(requestId, 1, Integer::sum);
		}
		if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
			IThrowableProxy thrown = event.getThrowableProxy();
			this.errors.add(new ErrorEvent(event.getLoggerName(), event.getFormattedMessage(),
					(thrown != null) ? thrown.getClassName() + ": " + thrown.getMessage() : null, requestId));
		}
	}

	/** How many ERROR events were logged so far. */
	int errorCount() {
		return this.errors.size();
	}

	List<ErrorEvent> errors() {
		return List.copyOf(this.errors);
	}

	int accessLines(String requestId) {
		return this.accessLines.getOrDefault(requestId, 0);
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
