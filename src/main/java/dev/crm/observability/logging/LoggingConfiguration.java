package dev.crm.observability.logging;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The access log, a handler of the HTTP server observation that Boot attaches to the
 * observation registry, and the dropped-lines counter.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoggingProperties.class)
class LoggingConfiguration {

	/** Absent while the access log is off, so it costs nothing then. */
	@Bean
	@ConditionalOnBooleanProperty(name = "crm.logging.access-log.enabled", matchIfMissing = true)
	AccessLog accessLog() {
		return new AccessLog();
	}

	@Bean
	DroppedLogEvents droppedLogEvents(MeterRegistry registry) {
		return new DroppedLogEvents(registry);
	}

}
