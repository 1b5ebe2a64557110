package dev.crm.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rendered objects of one kustomization, read as the policies need them: the
 * Deployment, its one container, and the objects around it. Fields are read by their path
 * in the manifest, the path a policy's message names.
 */
record Workload(List<Map<String, Object>> objects) {

	static Workload render(java.nio.file.Path kustomization) {
		return new Workload(Kustomize.render(kustomization));
	}

	/** A deep, mutable copy, for a test to break one field of. */
	@SuppressWarnings("unchecked")
	Workload copy() {
		return new Workload((List<Map<String, Object>>) deepCopy(this.objects));
	}

	private static Object deepCopy(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<Object, Object> copy = new LinkedHashMap<>();
			map.forEach((key, item) -> copy.put(key, deepCopy(item)));
			return copy;
		}
		if (value instanceof List<?> items) {
			return new ArrayList<>(items.stream().map(Workload::deepCopy).toList());
		}
		return value;
	}

	Map<String, Object> deployment() {
		return Kustomize.only(this.objects, "Deployment");
	}

	Map<String, Object> podSpec() {
		return map(this.deployment(), "spec.template.spec");
	}

	Map<String, String> podLabels() {
		return strings(map(this.deployment(), "spec.template.metadata.labels"));
	}

	Map<String, Object> container() {
		List<Map<String, Object>> containers = list(this.podSpec(), "containers");
		if (containers.size() != 1) {
			throw new IllegalStateException("the policies expect one container, found " + containers.size());
		}
		return containers.get(0);
	}

	/** The container port of that name, as a number. */
	int containerPort(String name) {
		return list(this.container(), "ports").stream()
			.filter((port) -> name.equals(port.get("name")))
			.map((port) -> (Integer) port.get("containerPort"))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no container port named " + name));
	}

	/** The container's env: a literal value, or "valueFrom" for a reference. */
	Map<String, Object> env() {
		Map<String, Object> env = new LinkedHashMap<>();
		for (Map<String, Object> variable : list(this.container(), "env")) {
			env.put((String) variable.get("name"),
					variable.containsKey("value") ? variable.get("value") : variable.get("valueFrom"));
		}
		return env;
	}

	Map<String, Object> only(String kind) {
		return Kustomize.only(this.objects, kind);
	}

	List<Map<String, Object>> ofKind(String kind) {
		return Kustomize.ofKind(this.objects, kind);
	}

	/** The value at a dotted path, or null when any part of it is absent. */
	static Object at(Map<String, Object> object, String path) {
		Object value = object;
		for (String part : path.split("\\.")) {
			if (!(value instanceof Map<?, ?> map)) {
				return null;
			}
			value = map.get(part);
		}
		return value;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Map<String, Object> object, String path) {
		Object value = at(object, path);
		return (value != null) ? (Map<String, Object>) value : Map.of();
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> list(Map<String, Object> object, String path) {
		Object value = at(object, path);
		return (value != null) ? (List<Map<String, Object>>) value : List.of();
	}

	static Map<String, String> strings(Map<String, Object> map) {
		Map<String, String> strings = new LinkedHashMap<>();
		map.forEach((key, value) -> strings.put(key, String.valueOf(value)));
		return strings;
	}

}
