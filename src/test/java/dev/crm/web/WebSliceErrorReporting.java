package dev.crm.web;

import dev.crm.observability.errortracking.ServerErrorReporter;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The reporter {@link ProblemDetailsHandler} needs, for every {@code @WebMvcTest} slice:
 * the no-op one production runs with while Sentry is off. Slices load it through
 * {@code META-INF/spring/...AutoConfigureWebMvc.imports}, Boot's way to extend a test
 * slice; reporting itself is tested against a Sentry stand-in.
 */
@TestConfiguration(proxyBeanMethods = false)
public class WebSliceErrorReporting {

	@Bean
	@ConditionalOnMissingBean
	ServerErrorReporter serverErrorReporter() {
		return ServerErrorReporter.NONE;
	}

}
