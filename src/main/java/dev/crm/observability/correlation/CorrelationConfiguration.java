package dev.crm.observability.correlation;

import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Outbound calls carry the request ID. The inbound {@link RequestIdFilter} is registered,
 * first in the chain, with every other filter in {@code web}.
 */
@Configuration(proxyBeanMethods = false)
class CorrelationConfiguration {

	@Bean
	RestClientCustomizer requestIdRestClientCustomizer() {
		return (builder) -> builder.requestInterceptor(new RequestIdPropagation());
	}

}
