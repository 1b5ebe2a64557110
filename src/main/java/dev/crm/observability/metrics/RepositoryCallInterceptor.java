package dev.crm.observability.metrics;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Times each repository call into the {@code crm_db_operation_seconds} histogram and,
 * when the request's trace is sampled, makes it a child span. The {@code operation} tag
 * (and the span's name) is the repository and method name, for example
 * {@code lead.insert}: a set fixed by the code, never by input; {@code error} is the
 * exception's class, or {@code none}.
 * <p>
 * Why not an Observation, as for HTTP: a repository call is the hottest instrumented path
 * (a request makes one to four), and an Observation costs there what no contract asks
 * for. It would build and sort the tags and look the timer up on every call, keep an
 * in-flight long-task timer (Hikari's {@code hikaricp_connections_active} already tells
 * how many calls hold a connection), open a scope that rewrites MDC twice, and make a
 * span even for the nine in ten traces that are not sampled. Here the timer of each
 * operation is built once, and a span is made only for a sampled trace, as the
 * OpenTelemetry agent does for its JDBC spans. The exemplar on the timer's buckets is the
 * request's span, in the same trace as the repository span.
 */
class RepositoryCallInterceptor implements MethodInterceptor {

	/** The timer's name, {@code crm_db_operation_seconds} in Prometheus. */
	static final String NAME = "crm.db.operation";

	static final String OPERATION = "operation";

	private static final String ERROR = "error";

	private static final String NO_ERROR = "none";

	private static final String REPOSITORY_SUFFIX = "Repository";

	private final Supplier<Optional<Instruments>> instruments;

	/* Built once per method: a repository call allocates no names, tags or timers. */
	private final Map<Method, Operation> operations = new ConcurrentHashMap<>();

	/**
	 * @param instruments the registry and tracer to use, or none when the observation
	 * {@value #NAME} is switched off
	 */
	RepositoryCallInterceptor(Supplier<Optional<Instruments>> instruments) {
		this.instruments = instruments;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		Instruments instruments = this.instruments.get().orElse(null);
		if (instruments == null || method.getDeclaringClass() == Object.class) {
			return invocation.proceed();
		}
		Operation operation = this.operations.computeIfAbsent(method, (key) -> operation(instruments.meters(),
				operationName(ClassUtils.getUserClass(invocation.getThis().getClass()), key)));
		Span span = startSpanIfSampled(instruments.tracer(), operation.name());
		long start = System.nanoTime();
		try {
			Object result = invocation.proceed();
			operation.succeeded().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			return result;
		}
		catch (Throwable ex) {
			failed(instruments.meters(), operation, ex).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			if (span != null) {
				span.error(ex);
			}
			throw ex;
		}
		finally {
			if (span != null) {
				span.end();
			}
		}
	}

	private static Span startSpanIfSampled(Tracer tracer, String name) {
		Span parent = tracer.currentSpan();
		if (parent == null || !Boolean.TRUE.equals(parent.context().sampled())) {
			return null;
		}
		return tracer.nextSpan().name(name).tag(OPERATION, name).tag("db.system", "postgresql").start();
	}

	private static Operation operation(MeterRegistry meters, String name) {
		return new Operation(name, timer(meters, name, NO_ERROR));
	}

	/* Failures are rare: their timer is looked up, not kept. */
	private static Timer failed(MeterRegistry meters, Operation operation, Throwable ex) {
		return timer(meters, operation.name(), ex.getClass().getSimpleName());
	}

	private static Timer timer(MeterRegistry meters, String operation, String error) {
		return Timer.builder(NAME)
			.description("Duration of repository calls to PostgreSQL by operation and error")
			.tag(OPERATION, operation)
			.tag(ERROR, error)
			.register(meters);
	}

	/** {@code LeadRepository#insert} becomes {@code lead.insert}. */
	static String operationName(Class<?> repository, Method method) {
		String type = repository.getSimpleName();
		if (type.endsWith(REPOSITORY_SUFFIX) && type.length() > REPOSITORY_SUFFIX.length()) {
			type = type.substring(0, type.length() - REPOSITORY_SUFFIX.length());
		}
		return StringUtils.uncapitalize(type) + "." + method.getName();
	}

	/** Where repository calls are recorded. */
	record Instruments(MeterRegistry meters, Tracer tracer) {
	}

	private record Operation(String name, Timer succeeded) {
	}

}
