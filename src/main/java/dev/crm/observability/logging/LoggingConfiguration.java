package dev.crm.observability.logging;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoggingProperties.class)
class LoggingConfiguration {

	/**
	 * Just inside Boot's HTTP observation filter (HIGHEST_PRECEDENCE + 1), so the trace
	 * is current when the line is written, and after the request ID filter.
	 */
	static final int ACCESS_LOG_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

	@Bean
	@ConditionalOnBooleanProperty(name = "crm.logging.access-log.enabled", matchIfMissing = true)
	FilterRegistrationBean<AccessLogFilter> accessLogFilter(LoggingProperties properties) {
		FilterRegistrationBean<AccessLogFilter> registration = new FilterRegistrationBean<>(
				new AccessLogFilter(new ClientAddress(properties.trustedProxies())));
		registration.setOrder(ACCESS_LOG_ORDER);
		return registration;
	}

	@Bean
	DroppedLogEvents droppedLogEvents(MeterRegistry registry) {
		return new DroppedLogEvents(registry);
	}

}
