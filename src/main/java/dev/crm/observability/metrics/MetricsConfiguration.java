package dev.crm.observability.metrics;

import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.util.function.SingletonSupplier;

/**
 * Wires the HTTP server convention with its {@code traffic} label, the help texts, and
 * the timers and spans around repository calls. Everything else (buckets, common tags,
 * URI cap, sampling, exposure) is plain configuration in {@code application.yml}.
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
	 * Static, and resolving the registries and tracer only on first use: a post-processor
	 * that pulled them in early would get them before they are configured. Repository
	 * calls follow Boot's switch for observations
	 * ({@code management.observations.enable.*}, off in the {@code no-instrumentation}
	 * profile), though they are not Observations (see {@link RepositoryCallInterceptor}):
	 * with it off they are left alone.
	 */
	@Bean
	static RepositoryCallPostProcessor repositoryCallPostProcessor(ObjectProvider<ObservationRegistry> observations,
			ObjectProvider<MeterRegistry> meters, ObjectProvider<Tracer> tracer) {
		return new RepositoryCallPostProcessor(SingletonSupplier.of(() -> {
			ObservationRegistry registry = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
			if (Observation.createNotStarted(RepositoryCallInterceptor.NAME, registry).isNoop()) {
				return Optional.empty();
			}
			return Optional.of(new RepositoryCallInterceptor.Instruments(meters.getObject(),
					tracer.getIfAvailable(() -> Tracer.NOOP)));
		}));
	}

}
