package dev.crm.security;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The defaults the docs promise, bound as the jar binds them: with nothing set. */
class SecurityPropertiesTests {

	@Test
	void defaultsWithNothingSet() {
		SecurityProperties properties = new Binder(new MapConfigurationPropertySource()).bindOrCreate("crm.security",
				SecurityProperties.class);
		assertThat(properties.audience()).isEqualTo("crm-api");
		assertThat(properties.clockSkew()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.rateLimit().client()).isEqualTo(new SecurityProperties.ClientLimit(200, 100));
		assertThat(properties.rateLimit().failedAuthentication())
			.isEqualTo(new SecurityProperties.FailedAuthenticationLimit(20, 1));
		assertThat(properties.rateLimit().maxTracked()).isEqualTo(100_000);
	}

	@Test
	void oneValueSetKeepsTheOthersDefaults() {
		SecurityProperties properties = new Binder(
				new MapConfigurationPropertySource(Map.of("crm.security.rate-limit.client.capacity", "5")))
			.bindOrCreate("crm.security", SecurityProperties.class);
		assertThat(properties.rateLimit().client()).isEqualTo(new SecurityProperties.ClientLimit(5, 100));
		assertThat(properties.rateLimit().failedAuthentication())
			.isEqualTo(new SecurityProperties.FailedAuthenticationLimit(20, 1));
	}

}
