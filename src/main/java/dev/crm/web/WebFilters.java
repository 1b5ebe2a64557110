package dev.crm.web;

import dev.crm.observability.correlation.RequestIdFilter;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The one place that orders the servlet filters. A request passes them in this order:
 * <ol>
 * <li>{@link RequestIdFilter}, {@link #REQUEST_ID};</li>
 * <li>Boot's character encoding filter ({@code HIGHEST_PRECEDENCE}, after ours because it
 * is registered later) and, with {@code SENTRY_DSN} set, Sentry's request-scope filters
 * (also {@code HIGHEST_PRECEDENCE});</li>
 * <li>Boot's HTTP observation filter ({@code HIGHEST_PRECEDENCE + 1}): the span,
 * {@code http_server_requests_seconds} and, when the observation stops, the access
 * line;</li>
 * <li>Boot's form content ({@code -9900}) and request context ({@code -105})
 * filters;</li>
 * <li>Spring Security's filter chain ({@code -100}, Boot's default): bearer tokens,
 * scopes and rate limits on {@code /api/**}, inside the observation so that every refusal
 * is counted, traced and logged like any answer;</li>
 * <li>{@link RequestBodyLimitFilter}, {@link #REQUEST_BODY_LIMIT};</li>
 * <li>the dispatcher servlet.</li>
 * </ol>
 * Requests Tomcat rejects before any filter runs are answered by
 * {@link ProblemErrorReportValve}, which starts the request ID and the observation as
 * these filters would.
 */
@Configuration(proxyBeanMethods = false)
class WebFilters {

	/**
	 * First, so that every later filter, the observation's log lines included, and every
	 * answer (an error dispatch too) has the request ID.
	 */
	static final int REQUEST_ID = Ordered.HIGHEST_PRECEDENCE;

	/**
	 * Late: it only wraps the request body, which nothing before the servlet reads, and
	 * its 413 must still pass the correlation and logging filters on the way out.
	 */
	static final int REQUEST_BODY_LIMIT = Ordered.LOWEST_PRECEDENCE - 100;

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(REQUEST_ID);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(WebProperties properties) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(properties.maxRequestBody().toBytes()));
		registration.setOrder(REQUEST_BODY_LIMIT);
		return registration;
	}

}
