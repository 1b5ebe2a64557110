package dev.crm.observability.metrics;

import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.stereotype.Repository;

/**
 * Adds {@link RepositoryObservationInterceptor} to every {@link Repository @Repository}
 * bean, the way Spring adds exception translation, so that features need no code of ours
 * to get database timings and spans.
 */
class RepositoryObservationPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

	RepositoryObservationPostProcessor(Supplier<ObservationRegistry> registry) {
		this.advisor = new DefaultPointcutAdvisor(new AnnotationMatchingPointcut(Repository.class, true),
				new RepositoryObservationInterceptor(registry));
		// Outermost, so the observation sees the exception the caller sees.
		setBeforeExistingAdvisors(true);
	}

}
