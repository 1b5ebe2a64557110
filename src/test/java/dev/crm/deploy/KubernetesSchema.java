package dev.crm.deploy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks an object against the schema of its kind as the API server would with strict
 * field validation (kubectl's default since 1.27): a kind the cluster does not know, a
 * field it does not know at any depth, or a value of the wrong type is an error. The
 * schemas are fabric8's models, generated from the Kubernetes OpenAPI document and from
 * the Prometheus Operator's CRDs; a model keeps any field it does not know in its
 * additional properties, which is where an unknown field shows.
 */
final class KubernetesSchema {

	/** Model classes by apiVersion and kind, from every model jar on the class path. */
	private static final Map<String, Class<?>> MODELS = models();

	private static final JsonMapper MAPPER = JsonMapper.builder()
		// The API server never turns "1" into 1, nor 1 into "1".
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		.build();

	private KubernetesSchema() {
	}

	/** The errors of one object; empty when it is valid. */
	static List<String> errors(Map<String, Object> object) {
		String key = object.get("apiVersion") + "/" + object.get("kind");
		Class<?> model = MODELS.get(key);
		if (model == null) {
			return List.of(key + ": no such kind known to Kubernetes or the Prometheus Operator");
		}
		Object typed;
		try {
			typed = MAPPER.convertValue(object, model);
		}
		catch (RuntimeException ex) {
			// Jackson's message ends with the path to the field (its reference chain).
			return List.of(key + ": " + ex.getMessage().replaceAll("\\s+", " "));
		}
		List<String> errors = new ArrayList<>();
		unknownFields(typed, key, errors);
		return errors;
	}

	private static void unknownFields(Object value, String path, List<String> errors) {
		if (value instanceof Collection<?> items) {
			int index = 0;
			for (Object item : items) {
				unknownFields(item, path + "[" + index++ + "]", errors);
			}
			return;
		}
		if (value instanceof Map<?, ?> entries) {
			entries.forEach((name, item) -> unknownFields(item, path + "." + name, errors));
			return;
		}
		if (value == null || !value.getClass().getPackageName().startsWith("io.fabric8")) {
			return;
		}
		for (Method getter : value.getClass().getMethods()) {
			if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
					|| !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
				continue;
			}
			Object field = invoke(getter, value);
			if (getter.getName().equals("getAdditionalProperties")) {
				((Map<?, ?>) field).keySet().forEach((name) -> errors.add(path + "." + name + ": unknown field"));
			}
			else if (!getter.getName().equals("getAdditionalPropertiesNode")) {
				unknownFields(field, path + "." + fieldName(getter), errors);
			}
		}
	}

	private static Object invoke(Method getter, Object target) {
		try {
			return getter.invoke(target);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(getter.toString(), ex);
		}
	}

	private static String fieldName(Method getter) {
		String name = getter.getName().substring(3);
		return Character.toLowerCase(name.charAt(0)) + name.substring(1);
	}

	private static Map<String, Class<?>> models() {
		Map<String, Class<?>> models = new HashMap<>();
		ServiceLoader.load(KubernetesResource.class).stream().map(ServiceLoader.Provider::type).forEach((type) -> {
			Version version = type.getAnnotation(Version.class);
			if (version != null) {
				Group group = type.getAnnotation(Group.class);
				String apiVersion = (group == null || group.value().isEmpty()) ? version.value()
						: group.value() + "/" + version.value();
				models.put(apiVersion + "/" + type.getSimpleName(), type);
			}
		});
		return models;
	}

}
