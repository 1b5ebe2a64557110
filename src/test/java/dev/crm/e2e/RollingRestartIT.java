package dev.crm.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.crm.stack.StackFiles;
import dev.crm.support.Api;
import dev.crm.support.PostgresServer;
import dev.crm.support.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the real jar behind HAProxy, which checks {@code /ready} as the
 * Deployment's readiness probe does, restarted one after the other under steady load as a
 * rollout restarts pods: SIGTERM, exit within the Deployment's
 * {@code terminationGracePeriodSeconds}, start again, ready, next. No request may be lost
 * (an error or a status other than 200), and each instance serves again after its
 * restart.
 */
class RollingRestartIT {

	private static final Path DIRECTORY = StackConfig.ROOT.resolve("target/rolling-restart");

	private static final Path DEPLOYMENT = StackConfig.ROOT.resolve("deploy/kubernetes/base/deployment.yaml");

	private static final int WORKERS = 6;

	private final List<JarInstance> instances = new ArrayList<>();

	private final List<String> timeline = new ArrayList<>();

	private final Instant begin = Instant.now();

	private HaProxy haproxy;

	private InstancesPrometheus prometheus;

	@AfterEach
	void stopEverything() {
		if (this.prometheus != null) {
			this.prometheus.close();
		}
		this.instances.forEach(JarInstance::close);
		if (this.haproxy != null) {
			this.haproxy.close();
		}
		this.timeline.forEach((line) -> System.out.println("[rolling-restart] " + line));
	}

	@Test
	void aRollingRestartUnderLoadLosesNoRequest() throws Exception {
		StackFiles.deleteTree(DIRECTORY);
		PostgresServer postgres = TestServices.postgres();
		Map<String, String> environment = Map.of("SPRING_DATASOURCE_URL", postgres.jdbcUrl(),
				"SPRING_DATASOURCE_USERNAME", PostgresServer.USERNAME, "SPRING_DATASOURCE_PASSWORD",
				PostgresServer.PASSWORD, "CRM_ENVIRONMENT", "e2e",
				// The jar never starts without a verification key; Api sends the test
				// token.
				"SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION",
				"file:" + StackConfig.ROOT.resolve("src/test/resources/security/test-public.pem").toAbsolutePath(),
				// One client sends all the load: a 429 would hide whether a request was
				// lost.
				"CRM_SECURITY_RATE_LIMIT_CLIENT_CAPACITY", "1000000", "CRM_SECURITY_RATE_LIMIT_CLIENT_PER_SECOND",
				"1000000");
		for (String name : List.of("crm-api-1", "crm-api-2")) {
			this.instances.add(new JarInstance(name, DIRECTORY, environment));
		}
		this.instances.forEach(JarInstance::start);
		this.instances.forEach(JarInstance::awaitReady);
		this.haproxy = HaProxy.start(DIRECTORY, this.instances.stream().map((instance) -> instance.apiPort).toList());
		Api balanced = new Api(this.haproxy.port);
		org.awaitility.Awaitility.await("HAProxy serving")
			.atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.until(() -> balanced.get("/ready").status() == 200);
		long campaign = balanced.createCampaign("rolling restart");
		this.prometheus = InstancesPrometheus.start(DIRECTORY,
				this.instances.stream().map((instance) -> instance.managementPort).toList(), this.haproxy.port);
		note("both instances ready behind HAProxy; Prometheus scraping both");

		Duration grace = Duration.ofSeconds(gracePeriodSeconds());
		AtomicBoolean running = new AtomicBoolean(true);
		Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
		try (ExecutorService load = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < WORKERS; i++) {
				load.submit(() -> {
					while (running.get()) {
						String outcome;
						try {
							outcome = Integer.toString(balanced.get("/api/v1/campaigns/" + campaign).status());
						}
						catch (IllegalStateException ex) {
							outcome = "error: " + ex.getMessage();
						}
						outcomes.computeIfAbsent(outcome, (key) -> new AtomicLong()).incrementAndGet();
						Thread.sleep(20);
					}
					return null;
				});
			}
			try {
				Thread.sleep(2000);
				for (JarInstance instance : this.instances) {
					note("SIGTERM to " + instance.name);
					int status = instance.terminate(grace);
					note(instance.name + " exited with status " + status);
					assertThat(status).as("%s exit status after SIGTERM", instance.name).isEqualTo(143);
					instance.start();
					instance.awaitReady();
					note(instance.name + " restarted and ready");
					// Back in rotation after two passed checks, before the next one
					// stops.
					Thread.sleep(HaProxy.CHECK_INTERVAL.multipliedBy(3).toMillis());
				}
				Thread.sleep(2000);
			}
			finally {
				running.set(false);
			}
		}
		Map<String, Long> counted = new TreeMap<>();
		outcomes.forEach((outcome, count) -> counted.put(outcome, count.get()));
		long total = counted.values().stream().mapToLong(Long::longValue).sum();
		note("requests through HAProxy by outcome: " + counted + " (total " + total + ")");
		assertThat(counted).as("outcomes of %d requests during the rolling restart", total).containsOnlyKeys("200");
		for (JarInstance instance : this.instances) {
			assertThat(apiRequests(instance)).as("API requests %s served since its restart", instance.name)
				.isPositive();
		}
		assertPrometheusSeesOneServiceOfTwoInstances();
	}

	/**
	 * Prometheus scrapes both instances; the SLIs are one series for the service, not one
	 * per instance, and the restarts cost no error budget; the JVM dashboard offers each
	 * instance on its own.
	 */
	private void assertPrometheusSeesOneServiceOfTwoInstances() throws IOException {
		PrometheusApi prometheus = this.prometheus.api;
		org.awaitility.Awaitility.await("both crm-api targets up in Prometheus")
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(prometheus.query("up{job=\"crm-api\"} == 1", Instant.now())).hasSize(2));
		assertThat(prometheus.query(
				"count by (instance) (rate(http_server_requests_seconds_count{job=\"crm-api\",traffic=\"api\"}[5m]) > 0)",
				Instant.now()))
			.as("instances whose API traffic Prometheus sees")
			.hasSize(2);
		for (String sli : List.of("service:slo_requests:rate5m", "service:slo_errors_per_request:ratio_rate5m")) {
			JsonNode series = prometheus.query(sli, Instant.now());
			assertThat(series).as("%s series", sli).hasSize(1);
			assertThat(series.get(0).path("metric").has("instance")).as("%s has an instance label", sli).isFalse();
			note(sli + " = " + series.get(0).path("value").get(1).asString());
		}
		assertThat(prometheus.query("service:slo_errors_per_request:ratio_rate5m", Instant.now())
			.get(0)
			.path("value")
			.get(1)
			.asString()).as("error ratio over the restarts").isEqualTo("0");
		JsonNode dashboard = JsonMapper.builder()
			.build()
			.readTree(Files.readString(StackConfig.ROOT.resolve("grafana/dashboards/crm-jvm.json")));
		for (JsonNode variable : dashboard.path("templating").path("list")) {
			if (variable.path("name").asString().equals("instance")) {
				Matcher labelValues = Pattern.compile("label_values\\((.*), *(\\w+)\\)")
					.matcher(variable.path("query").path("query").asString().replace("$service", "crm-api"));
				assertThat(labelValues.matches()).isTrue();
				assertThat(prometheus.labelValues(labelValues.group(1), labelValues.group(2)))
					.as("crm-jvm's instance variable, one line each")
					.hasSize(2);
			}
		}
	}

	private static long gracePeriodSeconds() throws IOException {
		Map<String, Object> deployment = new Yaml(new LoaderOptions()).load(Files.readString(DEPLOYMENT));
		Map<?, ?> spec = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) deployment.get("spec")).get("template")).get("spec");
		return ((Number) spec.get("terminationGracePeriodSeconds")).longValue();
	}

	/**
	 * The API requests an instance served: its own counter, one line per route and
	 * status.
	 */
	private static long apiRequests(JarInstance instance) {
		Matcher matcher = Pattern.compile("(?m)^http_server_requests_seconds_count\\{.*traffic=\"api\".*} ([0-9.E+]+)$")
			.matcher(instance.management.get("/actuator/prometheus").body());
		double total = 0;
		while (matcher.find()) {
			total += Double.parseDouble(matcher.group(1));
		}
		return (long) total;
	}

	private void note(String event) {
		this.timeline.add(Duration.between(this.begin, Instant.now()).toMillis() + " ms: " + event);
	}

}
