package dev.crm.observability.logging;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The logging path of {@code logback-spring.xml} in miniature: the asynchronous appender
 * in front of the batched console appender. Every line reaches stdout, in order, in far
 * fewer writes than lines; and an access line leaves MDC behind, which is why
 * {@link AccessLog} writes its IDs itself.
 */
class BatchedLoggingTests {

	private final PrintStream originalOut = System.out;

	private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

	private final AtomicInteger writes = new AtomicInteger();

	private final LoggerContext context = new LoggerContext();

	@BeforeEach
	void captureStdout() {
		OutputStream counting = new OutputStream() {

			@Override
			public void write(int b) {
				BatchedLoggingTests.this.writes.incrementAndGet();
				BatchedLoggingTests.this.stdout.write(b);
			}

			@Override
			public void write(byte[] bytes, int offset, int length) {
				BatchedLoggingTests.this.writes.incrementAndGet();
				BatchedLoggingTests.this.stdout.write(bytes, offset, length);
			}

		};
		System.setOut(new PrintStream(counting, true, StandardCharsets.UTF_8));
		startAppenders();
	}

	@AfterEach
	void restoreStdout() {
		this.context.stop();
		System.setOut(this.originalOut);
		MDC.clear();
	}

	@Test
	void everyLineReachesStdoutInOrderInFewerWritesThanLines() {
		Logger logger = this.context.getLogger("dev.crm.example");
		int lines = 1000;
		for (int i = 0; i < lines; i++) {
			logger.info("line {}", i);
		}
		this.context.stop();

		List<String> written = this.stdout.toString(StandardCharsets.UTF_8).lines().toList();
		assertThat(written).containsExactlyElementsOf(
				IntStream.range(0, lines).mapToObj((i) -> "dev.crm.example [] line " + i).toList());
		assertThat(this.writes.get()).isLessThan(lines / 10);
	}

	@Test
	void anAccessLineCarriesNoCopyOfMdcAndOtherLinesDo() {
		MDC.put("request_id", "4bf92f3577b34da6");
		this.context.getLogger(AccessLog.LOGGER_NAME).info("GET /api/v1/campaigns/{id} 200 1ms");
		this.context.getLogger("dev.crm.example").info("read a campaign");
		this.context.stop();

		assertThat(this.stdout.toString(StandardCharsets.UTF_8).lines()).containsExactly(
				"crm.access [] GET /api/v1/campaigns/{id} 200 1ms",
				"dev.crm.example [4bf92f3577b34da6] read a campaign");
	}

	private void startAppenders() {
		// slf4j's MDC, which the test (like a request) writes to.
		this.context.setMDCAdapter(MDC.getMDCAdapter());
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(this.context);
		encoder.setPattern("%logger [%X{request_id}] %msg%n");
		encoder.start();
		BatchedConsoleAppender<ILoggingEvent> console = new BatchedConsoleAppender<>();
		console.setContext(this.context);
		console.setEncoder(encoder);
		console.start();
		AccessLineAwareAsyncAppender async = new AccessLineAwareAsyncAppender();
		async.setContext(this.context);
		async.setWaitStrategyType("sleeping{0,10000000}");
		async.addAppender(console);
		async.start();
		this.context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(async);
	}

}
