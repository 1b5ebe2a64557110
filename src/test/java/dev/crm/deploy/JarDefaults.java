package dev.crm.deploy;

import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The settings the jar uses when the Deployment sets no environment variable for them,
 * read from where the jar reads them: src/main/resources/application.yml and the defaults
 * of the lifecycle and health properties.
 */
final class JarDefaults {

	private static final Map<String, Object> APPLICATION_YML = new Yaml(new LoaderOptions())
		.load(Repository.read(Repository.ROOT.resolve("src/main/resources/application.yml")));

	private JarDefaults() {
	}

	/** crm.lifecycle.shutdown-delay: serving on after SIGTERM, with /ready at 503. */
	static Duration shutdownDelay() {
		return recordDefault("dev.crm.observability.lifecycle.LifecycleProperties", "shutdownDelay");
	}

	/** spring.lifecycle.timeout-per-shutdown-phase: the drain of requests in flight. */
	static Duration drain() {
		return DurationStyle.detectAndParse(setting("spring.lifecycle.timeout-per-shutdown-phase"));
	}

	/** crm.health.timeout: the budget of one dependency check behind /ready. */
	static Duration healthTimeout() {
		return recordDefault("dev.crm.observability.health.BoundedHealthProperties", "timeout");
	}

	static int serverPort() {
		return Integer.parseInt(setting("server.port"));
	}

	static int managementPort() {
		return Integer.parseInt(setting("management.server.port"));
	}

	/** A setting of application.yml by its dotted name. */
	static String setting(String name) {
		Object value = APPLICATION_YML;
		for (String part : name.split("\\.")) {
			value = ((Map<?, ?>) value).get(part);
			if (value == null) {
				throw new IllegalStateException(name + " is not set in application.yml");
			}
		}
		return value.toString();
	}

	/** The @DefaultValue of a properties record's component, as Boot binds it. */
	private static Duration recordDefault(String type, String component) {
		try {
			Class<?> record = Class.forName(type);
			RecordComponent[] components = record.getRecordComponents();
			Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
			Parameter[] parameters = record.getDeclaredConstructor(types).getParameters();
			for (int i = 0; i < components.length; i++) {
				if (components[i].getName().equals(component)) {
					return DurationStyle.detectAndParse(parameters[i].getAnnotation(DefaultValue.class).value()[0]);
				}
			}
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
		throw new IllegalStateException(type + " has no component " + component);
	}

}
