package dev.crm.observability.logging;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The access log and the dropped-lines counter. The filter that feeds the access log is
 * registered, in its place in the chain, with every other filter in {@code web}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoggingProperties.class)
class LoggingConfiguration {

	@Bean
	AccessLog accessLog(LoggingProperties properties) {
		return new AccessLog(properties.accessLog().enabled(), new ClientAddress(properties.trustedProxies()));
	}

	@Bean
	DroppedLogEvents droppedLogEvents(MeterRegistry registry) {
		return new DroppedLogEvents(registry);
	}

}
