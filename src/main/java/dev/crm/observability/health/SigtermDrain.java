package dev.crm.observability.health;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;

/**
 * Turns SIGTERM into an orderly exit with status 0:
 * <ol>
 * <li>readiness becomes {@code REFUSING_TRAFFIC} at once, so {@code /ready} answers 503
 * while the process still serves;</li>
 * <li>after {@code crm.lifecycle.shutdown-delay}, during which load balancers stop
 * sending new requests, the JVM exits normally: Boot's shutdown hook stops accepting
 * connections and lets requests in flight finish, up to
 * {@code spring.lifecycle.timeout-per-shutdown-phase};</li>
 * <li>the exit status is 0 rather than the JVM's 143 for a signal.</li>
 * </ol>
 * SIGINT (Ctrl-C) keeps the JVM's default behaviour: no delay.
 */
final class SigtermDrain implements ApplicationListener<ApplicationStartedEvent> {

	private static final Logger log = LoggerFactory.getLogger(SigtermDrain.class);

	private final Duration shutdownDelay;

	SigtermDrain(LifecycleProperties properties) {
		this.shutdownDelay = properties.shutdownDelay();
	}

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		ApplicationContext context = event.getApplicationContext();
		Signal.handle(new Signal("TERM"), (signal) -> drainAndExit(context));
	}

	private void drainAndExit(ApplicationContext context) {
		log.info("SIGTERM received: refusing traffic, stopping in {} ms", this.shutdownDelay.toMillis());
		try {
			AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
		}
		catch (RuntimeException ex) {
			// The context is already closing: nothing left to announce.
			log.debug("Could not publish REFUSING_TRAFFIC", ex);
		}
		try {
			Thread.sleep(this.shutdownDelay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// Runs the shutdown hooks, so Boot closes the context with its graceful drain.
		System.exit(0);
	}

}
