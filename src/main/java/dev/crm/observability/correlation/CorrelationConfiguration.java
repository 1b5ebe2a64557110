package dev.crm.observability.correlation;

import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class CorrelationConfiguration {

	/** First in the chain, so that every later filter and log line sees the ID. */
	static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE;

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(FILTER_ORDER);
		return registration;
	}

	@Bean
	RestClientCustomizer requestIdRestClientCustomizer() {
		return (builder) -> builder.requestInterceptor(new RequestIdPropagation());
	}

}
