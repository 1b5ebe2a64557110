package dev.crm.observability.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The {@link AccessLineEncoder} that also counts what it encodes into {@link LogVolume}:
 * the byte array it hands the appender is exactly what reaches stdout, so its length is
 * the measurement, with no extra pass over the line.
 */
public class MeasuredLineEncoder extends AccessLineEncoder {

	@Override
	public byte[] encode(ILoggingEvent event) {
		byte[] line = super.encode(event);
		LogVolume.record(event.getLoggerName(), event.getLevel(), line.length);
		return line;
	}

}
