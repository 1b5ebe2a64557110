package dev.crm.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every object that each kustomization renders is valid against its kind's schema
 * ({@link KubernetesSchema}), the Prometheus Operator's kinds included; and the check
 * catches what a cluster would refuse.
 */
class ManifestSchemaTests {

	static final List<Path> KUSTOMIZATIONS = Kustomize.KUSTOMIZATIONS;

	@ParameterizedTest
	@FieldSource("KUSTOMIZATIONS")
	void everyRenderedObjectIsValidAgainstItsSchema(Path kustomization) {
		List<Map<String, Object>> objects = Kustomize.render(kustomization);
		assertThat(objects).isNotEmpty();
		List<String> errors = new ArrayList<>();
		for (Map<String, Object> object : objects) {
			KubernetesSchema.errors(object)
				.forEach((error) -> errors.add(((Map<?, ?>) object.get("metadata")).get("name") + " " + error));
		}
		assertThat(errors).as("schema errors in %s", Repository.relative(kustomization)).isEmpty();
	}

	@Test
	void theProductionOverlayHasTheOperatorsResources() {
		assertThat(Kustomize.render(Kustomize.PRODUCTION)).extracting((object) -> object.get("kind"))
			.contains("ServiceMonitor", "PrometheusRule", "Deployment", "Service", "PodDisruptionBudget",
					"HorizontalPodAutoscaler", "NetworkPolicy");
	}

	@Test
	void anUnknownFieldAtAnyDepthIsAnError() {
		Map<String, Object> deployment = deployment();
		container(deployment).put("readinesProbe", Map.of("httpGet", Map.of("path", "/ready", "port", "api")));
		assertThat(KubernetesSchema.errors(deployment)).singleElement()
			.asString()
			.contains("containers[0].readinesProbe: unknown field");
	}

	@Test
	void anUnknownFieldInAnOperatorResourceIsAnError() {
		Map<String, Object> monitor = new LinkedHashMap<>(
				Kustomize.only(Kustomize.render(Kustomize.PRODUCTION), "ServiceMonitor"));
		Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) monitor.get("spec"));
		spec.put("endpoint", List.of(Map.of("port", "management")));
		monitor.put("spec", spec);
		assertThat(KubernetesSchema.errors(monitor)).singleElement()
			.asString()
			.contains("spec.endpoint: unknown field");
	}

	@Test
	@SuppressWarnings("unchecked")
	void aMisspelledFieldOfAGeneratedRuleIsAnError() {
		Map<String, Object> rule = (Map<String, Object>) deepCopy(
				Kustomize.ofKind(Kustomize.render(Kustomize.PRODUCTION), "PrometheusRule").get(0));
		Map<String, Object> group = ((List<Map<String, Object>>) ((Map<String, Object>) rule.get("spec")).get("groups"))
			.get(0);
		((List<Map<String, Object>>) group.get("rules")).get(0).put("keep_firing", "1m");
		assertThat(KubernetesSchema.errors(rule)).singleElement()
			.asString()
			.contains("spec.groups[0].rules[0].keep_firing: unknown field");
	}

	@Test
	void aValueOfTheWrongTypeIsAnError() {
		Map<String, Object> deployment = deployment();
		((Map<String, Object>) deployment.get("spec")).put("replicas", "2");
		assertThat(KubernetesSchema.errors(deployment)).singleElement()
			.asString()
			.contains("apps/v1/Deployment", "\"replicas\"");
	}

	@Test
	void aKindNoSchemaKnowsIsAnError() {
		assertThat(KubernetesSchema.errors(Map.of("apiVersion", "monitoring.coreos.com/v1", "kind", "ServiceMonitr")))
			.singleElement()
			.asString()
			.contains("no such kind");
	}

	/** A deep, mutable copy of the rendered Deployment. */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> deployment() {
		return (Map<String, Object>) deepCopy(Kustomize.only(Kustomize.render(Kustomize.BASE), "Deployment"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> container(Map<String, Object> deployment) {
		Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) deployment.get("spec"))
			.get("template");
		return ((List<Map<String, Object>>) ((Map<String, Object>) template.get("spec")).get("containers")).get(0);
	}

	private static Object deepCopy(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<Object, Object> copy = new LinkedHashMap<>();
			map.forEach((key, item) -> copy.put(key, deepCopy(item)));
			return copy;
		}
		if (value instanceof List<?> list) {
			return new ArrayList<>(list.stream().map(ManifestSchemaTests::deepCopy).toList());
		}
		return value;
	}

}
