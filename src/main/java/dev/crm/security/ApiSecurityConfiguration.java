package dev.crm.security;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * {@code /api/**} needs a bearer token: {@code crm.read} to read ({@code GET},
 * {@code HEAD}), {@code crm.write} for everything else (creations, conversions). Nothing
 * else on the API port ({@code /health}, {@code /ready}, {@code /live}, the OpenAPI
 * document) and nothing on the management port passes this chain. No session, no CSRF
 * token (no cookie authenticates anything), no saved request.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

	static final String READ = "crm.read";

	static final String WRITE = "crm.write";

	/** The scope a request with this method needs. */
	static String requiredScope(HttpMethod method) {
		return (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) ? READ : WRITE;
	}

	@Bean
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, Refusals refusals, RateLimits limits) {
		http.securityMatcher("/api/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/api/**")
				.hasAuthority("SCOPE_" + READ)
				.requestMatchers(HttpMethod.HEAD, "/api/**")
				.hasAuthority("SCOPE_" + READ)
				.anyRequest()
				.hasAuthority("SCOPE_" + WRITE))
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> {
			}).authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.addFilterAfter(new ClientRateLimitFilter(limits, refusals), BearerTokenAuthenticationFilter.class);
		return http.build();
	}

	/**
	 * Spring Security's observations would add a span per filter to every trace; the
	 * refusals are counted by {@link SecurityEvents} instead, with kinds it cannot tell
	 * apart (expired, wrong audience).
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Spring Security's firewall, with its path checks, but not its header checks: those
	 * throw when a controller reads the header, which would answer a 500. The web layer
	 * validates every header it reads (X-Request-ID, Idempotency-Key, Accept...) and
	 * answers a 4xx problem, as the hostile-input corpus checks.
	 */
	@Bean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames((name) -> true);
		firewall.setAllowedHeaderValues((value) -> true);
		return firewall;
	}

	/**
	 * The firewall in front of every chain (probes and management included) throws on
	 * what it refuses; unhandled, that would be a 500 reported as an error.
	 */
	@Bean
	RequestRejectedHandler requestRejectedHandler(Refusals refusals) {
		return refusals::rejected;
	}

	@Bean
	RateLimits rateLimits(SecurityProperties properties) {
		return new RateLimits(properties.rateLimit());
	}

	@Bean
	Refusals refusals(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver, MeterRegistry registry,
			RateLimits limits, @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping) {
		return new Refusals(resolver, new SecurityEvents(registry), limits, new RouteResolver(mapping));
	}

}
