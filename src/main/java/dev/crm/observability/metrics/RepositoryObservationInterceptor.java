package dev.crm.observability.metrics;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Wraps each repository call in an Observation named {@value #NAME}. The meter handler
 * makes it the {@code crm_db_operation_seconds} timer and the tracing handler a child
 * span of the request. The {@code operation} tag is the repository and method name, for
 * example {@code lead.insert}: a set fixed by the code, never by input.
 */
class RepositoryObservationInterceptor implements MethodInterceptor {

	/** The Observation name, and so the metric name before Prometheus naming. */
	static final String NAME = "crm.db.operation";

	static final String OPERATION = "operation";

	private static final String REPOSITORY_SUFFIX = "Repository";

	private static final KeyValue DB_SYSTEM = KeyValue.of("db.system", "postgresql");

	private final Supplier<ObservationRegistry> registry;

	/* Built once per method: a repository call allocates no names or key values. */
	private final Map<Method, Operation> operations = new ConcurrentHashMap<>();

	RepositoryObservationInterceptor(Supplier<ObservationRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		if (method.getDeclaringClass() == Object.class) {
			return invocation.proceed();
		}
		Operation operation = this.operations.computeIfAbsent(method,
				(key) -> Operation.of(operationName(ClassUtils.getUserClass(invocation.getThis().getClass()), key)));
		return Observation.createNotStarted(NAME, this.registry.get())
			.contextualName(operation.name())
			.lowCardinalityKeyValue(operation.tag())
			.highCardinalityKeyValue(DB_SYSTEM)
			.observeChecked(invocation::proceed);
	}

	/** {@code LeadRepository#insert} becomes {@code lead.insert}. */
	static String operationName(Class<?> repository, Method method) {
		String type = repository.getSimpleName();
		if (type.endsWith(REPOSITORY_SUFFIX) && type.length() > REPOSITORY_SUFFIX.length()) {
			type = type.substring(0, type.length() - REPOSITORY_SUFFIX.length());
		}
		return StringUtils.uncapitalize(type) + "." + method.getName();
	}

	private record Operation(String name, KeyValue tag) {

		static Operation of(String name) {
			return new Operation(name, KeyValue.of(OPERATION, name));
		}

	}

}
