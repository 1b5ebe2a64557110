package dev.crm.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

import static dev.crm.deploy.Workload.at;
import static dev.crm.deploy.Workload.list;
import static dev.crm.deploy.Workload.map;
import static dev.crm.deploy.Workload.strings;

/**
 * The rules the rendered manifests must hold, each returning its violations; a violation
 * names the object and the field it read. The numbers the jar decides (ports, shutdown
 * delay, drain) are read from the jar's own defaults ({@link JarDefaults}), or from the
 * Deployment's environment where it overrides them.
 */
final class ManifestPolicy {

	/**
	 * Time for the JVM to stop once the drain is over: Sentry's and the span exporter's
	 * flush.
	 */
	static final Duration STOP_MARGIN = Duration.ofSeconds(5);

	/**
	 * What the JVM needs beside the heap: metaspace, code cache, thread stacks, buffers.
	 */
	static final DataSize NON_HEAP = DataSize.ofMegabytes(256);

	/** What the jar promises: every probe answers within 1 s. */
	static final int PROBE_ANSWER_SECONDS = 1;

	private static final Pattern MAX_RAM_PERCENTAGE = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)");

	private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|USERNAME|DSN|SECRET|TOKEN|REDIS_URL).*");

	private ManifestPolicy() {
	}

	static List<String> replicas(Workload workload) {
		List<String> violations = new ArrayList<>();
		check(violations, number(workload.deployment(), "spec.replicas", 1) >= 2,
				"Deployment spec.replicas must be at least 2, so that one pod can be lost while one serves");
		Map<String, Object> hpa = workload.only("HorizontalPodAutoscaler");
		check(violations, number(hpa, "spec.minReplicas", 1) >= 2,
				"HorizontalPodAutoscaler spec.minReplicas must be at least 2");
		check(violations,
				name(workload.deployment()).equals(at(hpa, "spec.scaleTargetRef.name"))
						&& "Deployment".equals(at(hpa, "spec.scaleTargetRef.kind")),
				"HorizontalPodAutoscaler spec.scaleTargetRef must name the Deployment");
		return violations;
	}

	static List<String> probes(Workload workload) {
		List<String> violations = new ArrayList<>();
		probe(workload, "startupProbe", "/live", violations);
		probe(workload, "livenessProbe", "/live", violations);
		probe(workload, "readinessProbe", "/ready", violations);
		Map<String, Object> container = workload.container();
		check(violations, number(container, "livenessProbe.failureThreshold", 3) >= 3,
				"container livenessProbe.failureThreshold must be at least 3: one stalled answer must not restart the pod");
		check(violations,
				number(container, "startupProbe.periodSeconds", 10)
						* number(container, "startupProbe.failureThreshold", 3) >= 60,
				"container startupProbe.periodSeconds x failureThreshold must give the jar at least 60 s to start");
		check(violations, number(container, "readinessProbe.periodSeconds", 10) <= 10,
				"container readinessProbe.periodSeconds must be at most 10 s: a database outage takes the pod out soon");
		return violations;
	}

	private static void probe(Workload workload, String probe, String path, List<String> violations) {
		Map<String, Object> container = workload.container();
		check(violations, path.equals(at(container, probe + ".httpGet.path")),
				"container %s.httpGet.path must be %s, found %s", probe, path, at(container, probe + ".httpGet.path"));
		Object port = at(container, probe + ".httpGet.port");
		int number = (port instanceof String name) ? workload.containerPort(name) : (Integer) port;
		check(violations, number == JarDefaults.serverPort(),
				"container %s.httpGet.port must be the API port %d (server.port), where the jar answers %s; found %s",
				probe, JarDefaults.serverPort(), path, port);
		check(violations, number(container, probe + ".timeoutSeconds", 1) >= PROBE_ANSWER_SECONDS,
				"container %s.timeoutSeconds must be at least %d s, the time the jar promises to answer in", probe,
				PROBE_ANSWER_SECONDS);
	}

	static List<String> gracePeriod(Workload workload) {
		List<String> violations = new ArrayList<>();
		Map<String, Object> container = workload.container();
		check(violations, at(container, "lifecycle.preStop.exec") == null,
				"container lifecycle.preStop.exec needs a shell and a sleep binary in the image; use the jar's "
						+ "shutdown delay or a preStop sleep action");
		long preStop = number(container, "lifecycle.preStop.sleep.seconds", 0);
		Duration delay = duration(workload, "CRM_LIFECYCLE_SHUTDOWN_DELAY", JarDefaults.shutdownDelay());
		Duration drain = duration(workload, "SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE", JarDefaults.drain());
		long required = preStop + delay.toSeconds() + drain.toSeconds() + STOP_MARGIN.toSeconds();
		long grace = number(workload.podSpec(), "terminationGracePeriodSeconds", 30);
		check(violations, grace >= required,
				"Deployment spec.template.spec.terminationGracePeriodSeconds is %d s, below preStop sleep %d s"
						+ " + shutdown delay %d s (crm.lifecycle.shutdown-delay) + drain %d s"
						+ " (spring.lifecycle.timeout-per-shutdown-phase) + %d s for the JVM to stop = %d s",
				grace, preStop, delay.toSeconds(), drain.toSeconds(), STOP_MARGIN.toSeconds(), required);
		return violations;
	}

	static List<String> resources(Workload workload) {
		List<String> violations = new ArrayList<>();
		Map<String, Object> container = workload.container();
		for (String field : List.of("resources.requests.cpu", "resources.requests.memory", "resources.limits.memory")) {
			check(violations, at(container, field) != null, "container %s must be set", field);
		}
		Object request = at(container, "resources.requests.memory");
		Object limit = at(container, "resources.limits.memory");
		check(violations, Objects.equals(request, limit),
				"container resources.requests.memory (%s) must equal resources.limits.memory (%s): the pod is then"
						+ " never OOM-killed for memory its node promised to others",
				request, limit);
		Object options = workload.env().get("JAVA_TOOL_OPTIONS");
		Matcher percentage = MAX_RAM_PERCENTAGE.matcher(String.valueOf(options));
		if (!percentage.find() || limit == null) {
			violations.add("container env JAVA_TOOL_OPTIONS must set -XX:MaxRAMPercentage for resources.limits.memory");
			return violations;
		}
		long limitBytes = quantityBytes(limit.toString());
		long heap = (long) (limitBytes * Double.parseDouble(percentage.group(1)) / 100);
		check(violations, limitBytes - heap >= NON_HEAP.toBytes(),
				"container env JAVA_TOOL_OPTIONS -XX:MaxRAMPercentage=%s of resources.limits.memory %s leaves %d MiB"
						+ " beside the heap, below the %d MiB the JVM needs",
				percentage.group(1), limit, (limitBytes - heap) >> 20, NON_HEAP.toMegabytes());
		check(violations, String.valueOf(options).contains("-XX:+ExitOnOutOfMemoryError"),
				"container env JAVA_TOOL_OPTIONS must have -XX:+ExitOnOutOfMemoryError, so an OOM restarts the pod");
		return violations;
	}

	static List<String> securityContext(Workload workload) {
		List<String> violations = new ArrayList<>();
		Map<String, Object> pod = workload.podSpec();
		Map<String, Object> container = workload.container();
		check(violations, Boolean.TRUE.equals(at(pod, "securityContext.runAsNonRoot")),
				"Deployment spec.template.spec.securityContext.runAsNonRoot must be true");
		check(violations, "RuntimeDefault".equals(at(pod, "securityContext.seccompProfile.type")),
				"Deployment spec.template.spec.securityContext.seccompProfile.type must be RuntimeDefault");
		check(violations, Boolean.FALSE.equals(at(container, "securityContext.allowPrivilegeEscalation")),
				"container securityContext.allowPrivilegeEscalation must be false");
		check(violations, Boolean.TRUE.equals(at(container, "securityContext.readOnlyRootFilesystem")),
				"container securityContext.readOnlyRootFilesystem must be true");
		check(violations, String.valueOf(at(container, "securityContext.capabilities.drop")).equals("[ALL]"),
				"container securityContext.capabilities.drop must be [ALL]");
		String tmpVolume = list(container, "volumeMounts").stream()
			.filter((mount) -> "/tmp".equals(mount.get("mountPath")))
			.map((mount) -> (String) mount.get("name"))
			.findFirst()
			.orElse(null);
		check(violations,
				list(pod, "volumes").stream()
					.anyMatch((volume) -> volume.get("name").equals(tmpVolume) && volume.containsKey("emptyDir")),
				"container volumeMounts must mount an emptyDir at /tmp, the one writable path of a read-only root");
		return violations;
	}

	static List<String> image(Workload workload) {
		String image = (String) workload.container().get("image");
		String afterRegistry = image.substring(image.lastIndexOf('/') + 1);
		boolean pinned = image.contains("@sha256:")
				|| (afterRegistry.contains(":") && !afterRegistry.endsWith(":latest"));
		return pinned ? List.of()
				: List.of("container image " + image + " must name a version or a digest, never latest or none");
	}

	static List<String> topologySpread(Workload workload) {
		List<String> violations = new ArrayList<>();
		List<Map<String, Object>> constraints = list(workload.podSpec(), "topologySpreadConstraints");
		for (String key : List.of("kubernetes.io/hostname", "topology.kubernetes.io/zone")) {
			check(violations, constraints.stream().anyMatch((each) -> key.equals(each.get("topologyKey"))),
					"Deployment spec.template.spec.topologySpreadConstraints must spread over %s", key);
		}
		for (Map<String, Object> constraint : constraints) {
			selects(workload, map(constraint, "labelSelector.matchLabels"),
					"topologySpreadConstraints " + constraint.get("topologyKey") + " labelSelector", violations);
		}
		return violations;
	}

	static List<String> service(Workload workload) {
		List<String> violations = new ArrayList<>();
		Map<String, Object> service = workload.only("Service");
		selects(workload, map(service, "spec.selector"), "Service spec.selector", violations);
		for (String port : List.of("api", "management")) {
			Map<String, Object> servicePort = list(service, "spec.ports").stream()
				.filter((each) -> port.equals(each.get("name")))
				.findFirst()
				.orElse(Map.of());
			check(violations, port.equals(servicePort.get("targetPort")),
					"Service spec.ports must have a port named %s targeting the container port %s", port, port);
		}
		check(violations, workload.containerPort("api") == JarDefaults.serverPort(),
				"container ports api must be %d (server.port)", JarDefaults.serverPort());
		check(violations, workload.containerPort("management") == JarDefaults.managementPort(),
				"container ports management must be %d (management.server.port)", JarDefaults.managementPort());
		return violations;
	}

	static List<String> disruptionBudget(Workload workload) {
		List<String> violations = new ArrayList<>();
		Map<String, Object> budget = workload.only("PodDisruptionBudget");
		selects(workload, map(budget, "spec.selector.matchLabels"), "PodDisruptionBudget spec.selector", violations);
		long fewest = Math.min(number(workload.deployment(), "spec.replicas", 1),
				number(workload.only("HorizontalPodAutoscaler"), "spec.minReplicas", 1));
		Object maxUnavailable = at(budget, "spec.maxUnavailable");
		Object minAvailable = at(budget, "spec.minAvailable");
		long disruptions = (maxUnavailable instanceof Integer max) ? max
				: (minAvailable instanceof Integer min) ? fewest - min : -1;
		check(violations, disruptions >= 1 && disruptions < fewest,
				"PodDisruptionBudget spec.maxUnavailable/minAvailable must let a drain evict one of the %d pods and"
						+ " keep one serving (allows %d)",
				fewest, disruptions);
		return violations;
	}

	static List<String> networkPolicy(Workload workload) {
		List<String> violations = new ArrayList<>();
		Map<String, Object> policy = workload.only("NetworkPolicy");
		selects(workload, map(policy, "spec.podSelector.matchLabels"), "NetworkPolicy spec.podSelector", violations);
		boolean managementOpened = false;
		for (Map<String, Object> rule : list(policy, "spec.ingress")) {
			List<Map<String, Object>> ports = list(rule, "ports");
			boolean opensManagement = ports.isEmpty() || ports.stream()
				.anyMatch((port) -> "management".equals(port.get("port"))
						|| Objects.equals(port.get("port"), JarDefaults.managementPort()));
			if (opensManagement) {
				managementOpened = true;
				List<Map<String, Object>> from = list(rule, "from");
				boolean monitoringOnly = !from.isEmpty() && from.stream()
					.allMatch((peer) -> peer.keySet().equals(java.util.Set.of("namespaceSelector"))
							&& Map.of("kubernetes.io/metadata.name", "monitoring")
								.equals(map(peer, "namespaceSelector.matchLabels")));
				check(violations, monitoringOnly,
						"NetworkPolicy spec.ingress %s admits the management port from %s; only the monitoring"
								+ " namespace may reach it",
						ports, from.isEmpty() ? "everywhere" : from);
			}
		}
		check(violations, managementOpened,
				"NetworkPolicy spec.ingress must admit the monitoring namespace to the management port");
		return violations;
	}

	static List<String> secrets(Workload workload) {
		List<String> violations = new ArrayList<>();
		check(violations, workload.ofKind("Secret").isEmpty(),
				"the manifests must not carry a Secret: create it out of band and refer to it");
		workload.env()
			.forEach((name, value) -> check(violations,
					!SECRET_NAME.matcher(name).matches()
							|| (value instanceof Map<?, ?> from && from.containsKey("secretKeyRef")),
					"container env %s must come from a Secret (valueFrom.secretKeyRef)", name));
		return violations;
	}

	static List<String> serviceMonitor(Workload workload) {
		List<String> violations = new ArrayList<>();
		Map<String, Object> monitor = workload.only("ServiceMonitor");
		Map<String, Object> service = workload.only("Service");
		check(violations,
				strings(map(service, "metadata.labels")).entrySet()
					.containsAll(strings(map(monitor, "spec.selector.matchLabels")).entrySet()),
				"ServiceMonitor spec.selector.matchLabels must select the Service's metadata.labels");
		for (Map<String, Object> endpoint : list(monitor, "spec.endpoints")) {
			check(violations, "management".equals(endpoint.get("port")),
					"ServiceMonitor spec.endpoints port must be management, found %s", endpoint.get("port"));
			check(violations, "/actuator/prometheus".equals(endpoint.get("path")),
					"ServiceMonitor spec.endpoints path must be /actuator/prometheus, found %s", endpoint.get("path"));
		}
		return violations;
	}

	/** The client-side apply annotation holds a whole object and is capped at 256 KiB. */
	static List<String> configMapSizes(Workload workload) {
		List<String> violations = new ArrayList<>();
		for (Map<String, Object> configMap : workload.ofKind("ConfigMap")) {
			long bytes = map(configMap, "data").values().stream().mapToLong((value) -> value.toString().length()).sum();
			check(violations, bytes < 256 * 1024, "ConfigMap %s data is %d bytes, over kubectl apply's 256 KiB",
					name(configMap), bytes);
		}
		return violations;
	}

	private static void selects(Workload workload, Map<String, Object> selector, String field,
			List<String> violations) {
		check(violations,
				!selector.isEmpty() && workload.podLabels().entrySet().containsAll(strings(selector).entrySet()),
				"%s %s must select the pod template's labels %s", field, selector, workload.podLabels());
	}

	private static Duration duration(Workload workload, String variable, Duration jarDefault) {
		Object value = workload.env().get(variable);
		return (value instanceof String text) ? DurationStyle.detectAndParse(text) : jarDefault;
	}

	private static long number(Map<String, Object> object, String path, long kubernetesDefault) {
		Object value = at(object, path);
		return (value != null) ? ((Number) value).longValue() : kubernetesDefault;
	}

	private static String name(Map<String, Object> object) {
		return (String) at(object, "metadata.name");
	}

	/** A memory quantity (Gi, Mi, G, M or bytes) in bytes. */
	static long quantityBytes(String quantity) {
		Matcher matcher = Pattern.compile("([0-9]+)(Ki|Mi|Gi|K|M|G)?").matcher(quantity);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("unsupported memory quantity " + quantity);
		}
		long amount = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "";
		return switch (unit) {
			case "Ki" -> amount << 10;
			case "Mi" -> amount << 20;
			case "Gi" -> amount << 30;
			case "K" -> amount * 1000;
			case "M" -> amount * 1000_000;
			case "G" -> amount * 1000_000_000;
			default -> amount;
		};
	}

	private static void check(List<String> violations, boolean holds, String message, Object... arguments) {
		if (!holds) {
			violations.add(message.formatted(arguments));
		}
	}

}
