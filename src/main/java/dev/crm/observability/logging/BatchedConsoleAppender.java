package dev.crm.observability.logging;

import java.io.BufferedOutputStream;
import java.io.OutputStream;

import ch.qos.logback.core.ConsoleAppender;

/**
 * Logback's console appender, writing stdout once per batch of lines instead of once per
 * line. {@code System.out} flushes on every write, so each line used to cost a
 * {@code write(2)}; here lines gather in a buffer, and the asynchronous appender in front
 * ({@code logback-spring.xml}) flushes it each time it has drained its ring buffer (it
 * flushes every appender that does not flush on its own at the end of a batch). A line
 * reaches stdout as soon as the batch it belongs to is written; nothing waits for the
 * buffer to fill. Only for use behind that asynchronous appender.
 */
public class BatchedConsoleAppender<E> extends ConsoleAppender<E> {

	/* Room for a batch of a few hundred lines; a longer one flushes as it fills. */
	private static final int BUFFER_BYTES = 64 * 1024;

	public BatchedConsoleAppender() {
		setImmediateFlush(false);
	}

	@Override
	public void setOutputStream(OutputStream outputStream) {
		super.setOutputStream(new BufferedOutputStream(outputStream, BUFFER_BYTES));
	}

}
