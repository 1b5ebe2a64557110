package dev.crm.observability.logging;

import java.util.concurrent.CountDownLatch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.util.Duration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.logstash.logback.appender.LoggingEventAsyncDisruptorAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full ring buffer drops lines instead of blocking the caller, and every dropped line
 * is counted. The appender here is configured like the one in {@code logback-spring.xml}
 * (append timeout 0), with a tiny buffer and an output that is stuck.
 */
class DroppedLogEventsTests {

	/** The output stays stuck until the end: a caller that waited would never finish. */
	@Test
	@Timeout(30)
	void countsEveryLineDroppedByAFullBufferWithoutBlockingTheCaller() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		DroppedLogEvents dropped = new DroppedLogEvents(registry);
		CountDownLatch release = new CountDownLatch(1);
		LoggerContext context = new LoggerContext();
		StuckAppender stuck = new StuckAppender(release);
		stuck.setContext(context);
		stuck.start();
		LoggingEventAsyncDisruptorAppender async = new LoggingEventAsyncDisruptorAppender();
		async.setContext(context);
		async.setRingBufferSize(8);
		// As in logback-spring.xml: never wait for space.
		async.setAppendTimeout(Duration.buildByMilliseconds(0));
		async.addAppender(stuck);
		async.addListener(dropped);
		async.start();
		try {
			int lines = 200;
			for (int i = 0; i < lines; i++) {
				async
					.doAppend(new LoggingEvent("test", context.getLogger("test"), Level.INFO, "line " + i, null, null));
			}
			double count = registry.get(DroppedLogEvents.METRIC).counter().count();
			// At most the buffer and the one event the stuck output holds get through.
			assertThat(count).isGreaterThanOrEqualTo(lines - 8 - 1);
		}
		finally {
			release.countDown();
			async.stop();
		}
	}

	/** An output that blocks on its first event until released, like a stalled stdout. */
	private static final class StuckAppender extends AppenderBase<ILoggingEvent> {

		private final CountDownLatch release;

		StuckAppender(CountDownLatch release) {
			this.release = release;
		}

		@Override
		protected void append(ILoggingEvent event) {
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
