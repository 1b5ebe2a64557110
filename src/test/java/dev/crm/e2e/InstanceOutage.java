package dev.crm.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.crm.e2e.NotificationCapture.Notification;

import static org.awaitility.Awaitility.await;

/**
 * One instance of crm-api killed while the others serve, for the end-to-end suite. Its
 * {@code InstanceDown} takes {@code for: 5m}, so the outage begins early and runs beside
 * the other scenarios (which the remaining instance serves through HAProxy); it ends,
 * once the ticket is out, before the scenario that crashes every instance.
 */
final class InstanceOutage {

	private final EndToEndStack stack;

	private final Timeline timeline;

	/** The last instance: the one killed. */
	final JarInstance instance;

	final Instant killed;

	Notification ticket;

	Instant restarted;

	/** Pages triggered while the instance was down. */
	List<Notification> pagesWhileDown;

	private InstanceOutage(EndToEndStack stack, Timeline timeline) {
		this.stack = stack;
		this.timeline = timeline;
		this.instance = stack.instances.getLast();
		this.killed = Instant.now();
		stack.killInstance(this.instance);
		timeline.record("instance down", this.instance.name + " killed, out of HAProxy's rotation", this.killed,
				Instant.now());
	}

	/** Kills one instance (SIGKILL); the others keep serving. */
	static InstanceOutage begin(EndToEndStack stack, Timeline timeline) {
		return new InstanceOutage(stack, timeline);
	}

	/**
	 * Waits for the InstanceDown ticket in chat, then starts the instance again and waits
	 * until it is ready; once. Tickets reach chat only inside business hours, so the
	 * outage opens them (as the Redis scenario does) if a scenario run alone has not.
	 */
	void end() {
		if (this.restarted != null) {
			return;
		}
		this.timeline.note("alertmanager.yml, for the instance outage: " + this.stack.config.writeAlertmanager(true));
		this.stack.reloadAlertmanager();
		this.ticket = await("InstanceDown in chat").atMost(Duration.ofMinutes(10))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> chatsSinceKill().stream()
				.filter((chat) -> chat.title().startsWith("[FIRING") && chat.isAbout("InstanceDown"))
				.findFirst(), Optional::isPresent)
			.orElseThrow();
		this.timeline.record("instance down", "InstanceDown in chat: a ticket", this.killed, this.ticket.at());
		this.pagesWhileDown = this.stack.capture.pages()
			.stream()
			.filter((page) -> !page.at().isBefore(this.killed) && page.eventAction().equals("trigger"))
			.toList();
		this.restarted = Instant.now();
		this.instance.start();
		this.stack.awaitReady();
		this.timeline.record("instance down", this.instance.name + " restarted and ready", this.restarted,
				Instant.now());
	}

	/** The ticket's resolve in chat, once the instance is back. */
	Notification awaitResolved() {
		Notification resolved = await("InstanceDown resolved in chat").atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> chatsSinceKill().stream()
				.filter((chat) -> chat.title().startsWith("[RESOLVED]") && chat.isAbout("InstanceDown"))
				.findFirst(), Optional::isPresent)
			.orElseThrow();
		this.timeline.record("instance down", "InstanceDown resolved in chat", this.restarted, resolved.at());
		return resolved;
	}

	private List<Notification> chatsSinceKill() {
		return this.stack.capture.chats().stream().filter((chat) -> !chat.at().isBefore(this.killed)).toList();
	}

}
