package dev.crm.security;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * For every {@code @WebMvcTest} slice: no authentication. Slices load Boot's
 * resource-server auto-configuration, which would build a chain needing the
 * {@code HttpSecurity} slices do not have; a chain of our own, with no filter, makes it
 * back off. No filter chain proxy runs in a slice either way: a slice tests its
 * controller, authentication is tested on the whole application
 * ({@code ApiSecurityIntegrationTests}). Loaded through
 * {@code META-INF/spring/...AutoConfigureWebMvc.imports}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class WebSliceSecurity {

	@Bean
	SecurityFilterChain webSliceSecurityFilterChain() {
		return new DefaultSecurityFilterChain(AnyRequestMatcher.INSTANCE);
	}

}
