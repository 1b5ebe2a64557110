package dev.crm.observability.errortracking;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import dev.crm.jobs.Jobs;
import dev.crm.jobs.ScheduledJob;
import dev.crm.support.SentryStandIn;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.sentry.Scope;
import io.sentry.Scopes;
import io.sentry.SentryClient;
import io.sentry.SentryOptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Scheduled jobs' cron check-ins as Sentry receives them, on the local stand-in: an
 * {@code in_progress} and a closing check-in with the same ID, the outcome, the duration,
 * the monitor's schedule and margins, the environment and release. The SDK runs on its
 * own scopes here, not the global ones a Spring context of another test may hold.
 */
class SentryJobCheckInsTests {

	private static final ScheduledJob JOB = new ScheduledJob("idempotency-key-purge", Duration.ofHours(1),
			Duration.ofMinutes(10), Duration.ofMinutes(10));

	@Test
	void aRunChecksInProgressThenOkOrErrorWithTheMonitorConfiguration() {
		try (SentryStandIn sentry = SentryStandIn.start()) {
			withSentry(sentry.dsn(), (options) -> {
			}, (checkIns) -> {
				Jobs.MonitoredJob job = jobs(checkIns).register(JOB);
				job.run(() -> {
				});
				job.run(() -> {
					throw new IllegalStateException("database away");
				});
				await().atMost(Duration.ofSeconds(10)).until(() -> sentry.checkIns().size() == 4);
			});
			List<JsonNode> checkIns = sentry.checkIns();
			assertThat(checkIns).extracting((c) -> c.get("status").asString())
				.containsExactly("in_progress", "ok", "in_progress", "error");
			assertThat(checkIns.get(1).get("check_in_id")).isEqualTo(checkIns.get(0).get("check_in_id"));
			assertThat(checkIns.get(3).get("check_in_id")).isEqualTo(checkIns.get(2).get("check_in_id"))
				.isNotEqualTo(checkIns.get(0).get("check_in_id"));
			for (JsonNode checkIn : checkIns) {
				assertThat(checkIn.get("monitor_slug").asString()).isEqualTo("idempotency-key-purge");
				assertThat(checkIn.get("environment").asString()).isEqualTo("job-test");
				assertThat(checkIn.get("release").asString()).isEqualTo("crm-api@test");
				JsonNode config = checkIn.get("monitor_config");
				assertThat(config.get("schedule").get("type").asString()).isEqualTo("interval");
				assertThat(config.get("schedule").get("value").asInt()).isEqualTo(1);
				assertThat(config.get("schedule").get("unit").asString()).isEqualTo("hour");
				assertThat(config.get("checkin_margin").asLong()).isEqualTo(10);
				assertThat(config.get("max_runtime").asLong()).isEqualTo(10);
			}
			assertThat(checkIns.get(1).has("duration")).isTrue();
			assertThat(checkIns.get(3).get("duration").asDouble()).isGreaterThanOrEqualTo(0);
		}
	}

	@Test
	void aCheckInCarriesTheRunsTraceId() {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		try (SentryStandIn sentry = SentryStandIn.start()) {
			withSentry(sentry.dsn(), (options) -> {
			}, (checkIns) -> {
				checkIns.finished(JOB, null, true, Duration.ofMillis(1500), traceId);
				await().atMost(Duration.ofSeconds(10)).until(() -> sentry.checkIns().size() == 1);
			});
			JsonNode checkIn = sentry.checkIns().get(0);
			assertThat(checkIn.get("status").asString()).isEqualTo("ok");
			assertThat(checkIn.get("duration").asDouble()).isEqualTo(1.5);
			assertThat(checkIn.get("contexts").get("trace").get("trace_id").asString()).isEqualTo(traceId);
		}
	}

	/**
	 * A Sentry that accepts connections and never answers, with a read timeout of 10
	 * minutes: a job that waited on it even once would hit the preemptive bound. The
	 * SDK's queue is bounded, so the surplus is dropped, never waited for.
	 */
	@Test
	void anUnreachableSentryNeverDelaysAJob() throws IOException {
		try (ServerSocket blackHole = new ServerSocket(0, 200, InetAddress.getLoopbackAddress())) {
			String dsn = "http://public@127.0.0.1:" + blackHole.getLocalPort() + "/1";
			withSentry(dsn, (options) -> {
				options.setReadTimeoutMillis(600_000);
				options.setConnectionTimeoutMillis(600_000);
				options.setMaxQueueSize(5);
			}, (checkIns) -> {
				Jobs.MonitoredJob job = jobs(checkIns).register(JOB);
				assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
					for (int run = 0; run < 50; run++) {
						job.run(() -> {
						});
					}
				});
			});
		}
	}

	private static Jobs jobs(SentryJobCheckIns checkIns) {
		return new Jobs(new SimpleMeterRegistry(), checkIns, Tracer.NOOP, Clock.systemUTC(), List.of());
	}

	private static void withSentry(String dsn, Consumer<SentryOptions> customizer, Consumer<SentryJobCheckIns> test) {
		SentryOptions options = new SentryOptions();
		options.setDsn(dsn);
		options.setEnvironment("job-test");
		options.setRelease("crm-api@test");
		options.setShutdownTimeoutMillis(200);
		options.setFlushTimeoutMillis(200);
		customizer.accept(options);
		SentryClient client = new SentryClient(options);
		Scope global = new Scope(options);
		global.bindClient(client);
		Scopes scopes = new Scopes(new Scope(options), new Scope(options), global, "SentryJobCheckInsTests");
		try {
			test.accept(new SentryJobCheckIns(scopes));
		}
		finally {
			client.close(true);
		}
	}

}
