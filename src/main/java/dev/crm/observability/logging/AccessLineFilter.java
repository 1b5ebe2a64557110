package dev.crm.observability.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Splits the log stream in {@code logback-spring.xml}: access lines go to the encoder
 * without a masking pass (every value on them is written by code, see {@link AccessLog}),
 * every other line to the one that masks.
 */
public class AccessLineFilter extends Filter<ILoggingEvent> {

	private boolean accessLines;

	/**
	 * @param accessLines {@code true} to pass access lines only, {@code false} to pass
	 * every other line
	 */
	public void setAccessLines(boolean accessLines) {
		this.accessLines = accessLines;
	}

	@Override
	public FilterReply decide(ILoggingEvent event) {
		return (AccessLog.LOGGER_NAME.equals(event.getLoggerName()) == this.accessLines) ? FilterReply.NEUTRAL
				: FilterReply.DENY;
	}

}
