package dev.crm.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.crm.e2e.NotificationCapture.Notification;

import static org.awaitility.Awaitility.await;

/**
 * The scheduled-job scenario's steps (issue 23): fail the 10-second job through the fault
 * endpoint, wait for its error check-in at the Sentry stand-in and its
 * {@code ScheduledJobFailing} ticket in chat, then clear the fault and wait for the
 * recovery. Self-contained: it restores the Sentry proxy an earlier scenario black-holes
 * and opens business hours for the warning route, so it runs alone too.
 */
final class JobScenario {

	static final String JOB = "active-campaigns-refresh";

	static final String ALERT = "ScheduledJobFailing";

	private final EndToEndStack stack;

	JobScenario(EndToEndStack stack) {
		this.stack = stack;
	}

	/** Sentry reachable and warnings routed to chat now, whatever ran before. */
	String prepare() {
		this.stack.sentryProxy.restore();
		String businessHours = this.stack.config.writeAlertmanager(true);
		this.stack.reloadAlertmanager();
		return businessHours;
	}

	/** Every running instance runs the job, so every one must fail it. */
	void failJob() {
		for (String faults : faults()) {
			Http.Response response = Http.post(faults + "/job", "{\"job\": \"" + JOB + "\"}");
			if (response.status() != 200) {
				throw new IllegalStateException("Job fault not set: " + response.status() + " " + response.body());
			}
		}
	}

	void clearFault() {
		for (String faults : faults()) {
			Http.Response response = Http.delete(faults + "/job");
			if (response.status() != 200) {
				throw new IllegalStateException("Job fault not cleared: " + response.status() + " " + response.body());
			}
		}
	}

	long checkIns(String status) {
		return this.stack.sentry.checkIns()
			.stream()
			.filter((checkIn) -> JOB.equals(checkIn.path("monitor_slug").asString()))
			.filter((checkIn) -> status.equals(checkIn.path("status").asString()))
			.count();
	}

	/** Waits for one more check-in of the job with this status than {@code before}. */
	void awaitCheckIn(String status, long before, Duration atMost) {
		await(JOB + " " + status + " check-in at the Sentry stand-in").atMost(atMost)
			.until(() -> checkIns(status) > before);
	}

	Notification awaitTicket(Instant since, Duration atMost) {
		return await(ALERT + " in chat").atMost(atMost)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> this.stack.capture.chats()
				.stream()
				.filter((chat) -> chat.at().isAfter(since) && chat.isAbout(ALERT))
				.findFirst(), Optional::isPresent)
			.orElseThrow();
	}

	void awaitResolvedInPrometheus(Duration atMost) {
		await(ALERT + " resolved in Prometheus").atMost(atMost)
			.until(() -> this.stack.prometheus.alerts(ALERT).isEmpty());
	}

	private List<String> faults() {
		return this.stack.instances.stream()
			.filter(JarInstance::isRunning)
			.map((instance) -> "http://127.0.0.1:" + instance.managementPort + "/actuator/faults")
			.toList();
	}

}
