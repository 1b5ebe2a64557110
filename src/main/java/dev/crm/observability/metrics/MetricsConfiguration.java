package dev.crm.observability.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.util.function.SingletonSupplier;

/**
 * Wires the HTTP server convention with its {@code traffic} label, the help texts, and
 * the Observations around repository calls. Everything else (buckets, common tags, URI
 * cap, sampling, exposure) is plain configuration in {@code application.yml}.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

	@Bean
	ServerRequestObservationConvention trafficServerRequestObservationConvention(ObservationProperties properties) {
		return new TrafficServerRequestObservationConvention(properties.getHttp().getServer().getRequests().getName());
	}

	@Bean
	MeterFilter helpTexts() {
		return new HelpTexts();
	}

	/**
	 * Static, and resolving the registry only on first use: a post-processor that pulled
	 * the registry in early would get it before its handlers are attached.
	 */
	@Bean
	static RepositoryObservationPostProcessor repositoryObservationPostProcessor(
			ObjectProvider<ObservationRegistry> registry) {
		return new RepositoryObservationPostProcessor(
				SingletonSupplier.of(() -> registry.getIfAvailable(() -> ObservationRegistry.NOOP)));
	}

}
