package dev.crm.observability.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

/**
 * Encodes access lines with one encoder and every other line with another, behind one
 * appender: in {@code logback-spring.xml}, access lines skip the masking pass (every
 * value on them is written by code, see {@link AccessLog}) and every other line is
 * masked. One appender, not two filtered ones, so a line passes one appender and one
 * filter-free choice.
 */
public class AccessLineEncoder extends EncoderBase<ILoggingEvent> {

	private Encoder<ILoggingEvent> accessLines;

	private Encoder<ILoggingEvent> otherLines;

	/**
	 * @param accessLines the encoder of {@code crm.access} lines
	 */
	public void setAccessLines(Encoder<ILoggingEvent> accessLines) {
		this.accessLines = accessLines;
	}

	/**
	 * @param otherLines the encoder of every other line
	 */
	public void setOtherLines(Encoder<ILoggingEvent> otherLines) {
		this.otherLines = otherLines;
	}

	@Override
	public void start() {
		if (this.accessLines == null || this.otherLines == null) {
			addError("Both <accessLines> and <otherLines> encoders are required");
			return;
		}
		startIfNeeded(this.accessLines);
		startIfNeeded(this.otherLines);
		super.start();
	}

	@Override
	public void stop() {
		super.stop();
		this.accessLines.stop();
		this.otherLines.stop();
	}

	private static void startIfNeeded(Encoder<ILoggingEvent> encoder) {
		if (!encoder.isStarted()) {
			encoder.start();
		}
	}

	@Override
	public byte[] headerBytes() {
		return this.otherLines.headerBytes();
	}

	@Override
	public byte[] encode(ILoggingEvent event) {
		return (AccessLog.LOGGER_NAME.equals(event.getLoggerName()) ? this.accessLines : this.otherLines).encode(event);
	}

	@Override
	public byte[] footerBytes() {
		return this.otherLines.footerBytes();
	}

}
