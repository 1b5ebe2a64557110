package dev.crm.observability.lifecycle;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the service serving for {@code crm.lifecycle.shutdown-delay} once shutdown has
 * begun, so that load balancers stop routing to it before it stops accepting connections.
 * On SIGTERM the JVM runs Boot's shutdown hook, which closes the application context:
 * <ol>
 * <li>Boot turns readiness to {@code REFUSING_TRAFFIC} as the context starts to close, so
 * {@code /ready} answers 503 at once;</li>
 * <li>this bean stops first, in a phase above Boot's graceful shutdown, and waits the
 * delay while requests are still accepted and served;</li>
 * <li>Boot's graceful shutdown stops accepting connections and lets requests in flight
 * finish, for up to {@code spring.lifecycle.timeout-per-shutdown-phase};</li>
 * <li>the JVM exits with 143 (128 + 15, SIGTERM's number), as it does after any SIGTERM
 * it handled with its shutdown hooks.</li>
 * </ol>
 * SIGINT (Ctrl-C) and {@code close()} take the same path.
 */
@Component
final class ShutdownDelay implements SmartLifecycle {

	/** Stops just before Boot's graceful shutdown, which stops in its own phase. */
	static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;

	private static final Logger log = LoggerFactory.getLogger(ShutdownDelay.class);

	private final Duration delay;

	private final ApplicationAvailability availability;

	private volatile boolean running;

	ShutdownDelay(LifecycleProperties properties, ApplicationAvailability availability) {
		this.delay = properties.shutdownDelay();
		this.availability = availability;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		log.info("Shutting down: readiness is {}; serving for {} ms more, then draining requests in flight",
				this.availability.getReadinessState(), this.delay.toMillis());
		try {
			Thread.sleep(this.delay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * A paused context (Spring's test context cache pauses idle ones) is not shutting
	 * down.
	 */
	@Override
	public boolean isPauseable() {
		return false;
	}

}
