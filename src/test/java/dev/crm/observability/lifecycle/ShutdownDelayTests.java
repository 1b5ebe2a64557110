package dev.crm.observability.lifecycle;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the delay sits in Spring's shutdown: before Boot's graceful shutdown, which a
 * stand-in at the same phase represents here. The real jar under SIGTERM is
 * {@code GracefulShutdownIT}.
 */
class ShutdownDelayTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withPropertyValues("crm.lifecycle.shutdown-delay=50ms")
		.withUserConfiguration(Lifecycle.class);

	@Test
	void delayIsOverBeforeGracefulShutdownStarts() {
		List<Boolean> delayRunningAtGracefulShutdown = new CopyOnWriteArrayList<>();
		this.runner
			.withBean(GracefulShutdownStandIn.class, () -> new GracefulShutdownStandIn(delayRunningAtGracefulShutdown))
			.run((context) -> {
				ShutdownDelay delay = context.getBean(ShutdownDelay.class);
				assertThat(delay.isRunning()).isTrue();
				context.getBean(GracefulShutdownStandIn.class).watch(delay);

				context.getSourceApplicationContext().close();

				assertThat(delayRunningAtGracefulShutdown).containsExactly(false);
			});
	}

	@Test
	void pausingTheContextIsNotAShutdown() {
		// Spring's test context cache pauses idle contexts; that must not wait or stop.
		this.runner.run((context) -> {
			context.getSourceApplicationContext().pause();
			assertThat(context.getBean(ShutdownDelay.class).isRunning()).isTrue();
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(LifecycleProperties.class)
	@Import({ ShutdownDelay.class, ApplicationAvailabilityBean.class })
	static class Lifecycle {

	}

	/** Stops in the phase of Boot's graceful shutdown and records what it finds then. */
	static final class GracefulShutdownStandIn implements SmartLifecycle {

		private final List<Boolean> delayRunning;

		private volatile ShutdownDelay delay;

		private volatile boolean running;

		GracefulShutdownStandIn(List<Boolean> delayRunning) {
			this.delayRunning = delayRunning;
		}

		void watch(ShutdownDelay delay) {
			this.delay = delay;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.delayRunning.add(this.delay.isRunning());
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE;
		}

	}

}
