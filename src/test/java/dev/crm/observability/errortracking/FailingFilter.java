package dev.crm.observability.errortracking;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A filter that throws on one path, so an exception escapes the whole chain, as no
 * controller's exception can (the problem handler catches those). Imported only by the
 * tests that need it.
 */
@TestConfiguration(proxyBeanMethods = false)
class FailingFilter {

	static final String PATH = "/test/filter-failure";

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> failingFilter() {
		return new FilterRegistrationBean<>(new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if (PATH.equals(request.getRequestURI())) {
					throw new IllegalStateException("Filter failed for " + FailingController.EMAIL);
				}
				chain.doFilter(request, response);
			}

		});
	}

}
