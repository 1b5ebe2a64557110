package dev.crm.faults;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.MeterRegistry;

import dev.crm.jobs.Jobs;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Fault injection, only when {@code crm.faults.enabled} is true (the {@code faults}
 * profile sets it and exposes the endpoint). Without it none of these beans exist: no
 * interceptor, no gauge, and {@code /actuator/faults} answers 404.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("crm.faults.enabled")
class FaultsConfiguration {

	/** API routes only: probes and the management port are never slowed or failed. */
	static final String API_PATHS = "/api/**";

	@Bean
	Faults faults(MeterRegistry registry) {
		return new Faults(registry);
	}

	@Bean
	FaultsEndpoint faultsEndpoint(Faults faults,
			@Lazy @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping, @Lazy Jobs jobs) {
		return new FaultsEndpoint(faults, () -> apiRoutes(mapping), jobs::names);
	}

	@Bean
	JobFaultInjection jobFaultInjection(Faults faults) {
		return new JobFaultInjection(faults);
	}

	@Bean
	WebMvcConfigurer faultInjection(Faults faults) {
		FaultInjectionInterceptor interceptor = new FaultInjectionInterceptor(faults,
				() -> ThreadLocalRandom.current().nextDouble(), FaultInjectionInterceptor.Sleeper.THREAD);
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(interceptor).addPathPatterns(API_PATHS);
			}

		};
	}

	private static Set<String> apiRoutes(RequestMappingHandlerMapping mapping) {
		Set<String> routes = new TreeSet<>();
		for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
			info.getPatternValues().stream().filter((pattern) -> pattern.startsWith("/api/")).forEach(routes::add);
		}
		return routes;
	}

}
