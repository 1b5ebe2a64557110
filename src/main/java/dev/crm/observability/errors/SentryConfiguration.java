package dev.crm.observability.errors;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentry.IScopes;
import io.sentry.ITransportFactory;
import io.sentry.SentryOptions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Sentry is on exactly when {@code sentry.dsn} ({@code SENTRY_DSN}) is set, the same
 * condition as the Sentry starter's own auto-configuration. Everything else about it is
 * in {@code application.yml} under {@code sentry}.
 */
@Configuration(proxyBeanMethods = false)
class SentryConfiguration {

	/** Inside the access log filter, so a captured 5xx is still inside the request. */
	static final int CAPTURE_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 3;

	@Bean
	SentryEventMetrics sentryEventMetrics(MeterRegistry registry) {
		return new SentryEventMetrics(registry);
	}

	/**
	 * Reports through Sentry when its starter is active (a DSN is set), else not at all.
	 */
	@Bean
	ServerErrorReporter serverErrorReporter(ObjectProvider<IScopes> sentry) {
		IScopes scopes = sentry.getIfAvailable();
		return (scopes != null) ? new SentryServerErrorReporter(scopes) : ServerErrorReporter.NONE;
	}

	@Bean
	FilterRegistrationBean<ServerErrorCaptureFilter> serverErrorCaptureFilter(ServerErrorReporter reporter) {
		FilterRegistrationBean<ServerErrorCaptureFilter> registration = new FilterRegistrationBean<>(
				new ServerErrorCaptureFilter(reporter));
		registration.setOrder(CAPTURE_FILTER_ORDER);
		return registration;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty("sentry.dsn")
	static class SentryOn {

		@Bean
		SentryOptions.BeforeSendCallback sentryEventScrubber(SentryEventMetrics metrics) {
			return new SentryEventScrubber(metrics);
		}

		@Bean
		ITransportFactory countingSentryTransportFactory(SentryEventMetrics metrics) {
			return new CountingTransportFactory(metrics);
		}

	}

}
