package dev.crm.observability.logging;

import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The log volume meters ({@link LogVolume}), which read what the encoder counts.
 */
@Configuration(proxyBeanMethods = false)
class LogVolumeConfiguration {

	@Bean
	MeterBinder logVolume() {
		return LogVolume::bindTo;
	}

}
