package dev.crm.observability.metrics;

import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.stereotype.Repository;

/**
 * Adds {@link RepositoryCallInterceptor} to every {@link Repository @Repository} bean,
 * the way Spring adds exception translation, so that features need no code of ours to get
 * database timings and spans.
 */
class RepositoryCallPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

	RepositoryCallPostProcessor(Supplier<Optional<RepositoryCallInterceptor.Instruments>> instruments) {
		this.advisor = new DefaultPointcutAdvisor(new AnnotationMatchingPointcut(Repository.class, true),
				new RepositoryCallInterceptor(instruments));
		// Outermost, so the timer and span see the exception the caller sees.
		setBeforeExistingAdvisors(true);
	}

}
