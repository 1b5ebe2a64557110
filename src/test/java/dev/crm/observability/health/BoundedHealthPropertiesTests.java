package dev.crm.observability.health;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.FieldError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounds of the background checks are validated when they are bound, so a bad setting
 * stops the startup with the property and the reason, which Boot prints under
 * "APPLICATION FAILED TO START".
 */
class BoundedHealthPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(BindHealthProperties.class);

	@Test
	void defaultsToOneSecondPeriodAnd800MillisecondBudget() {
		this.runner.run((context) -> assertThat(context.getBean(BoundedHealthProperties.class))
			.isEqualTo(new BoundedHealthProperties(Duration.ofSeconds(1), Duration.ofMillis(800))));
	}

	@ParameterizedTest
	@CsvSource({ "period, 0s", "period, -1s", "timeout, 0ms", "timeout, 500us" })
	void boundUnderOneMillisecondStopsStartupNamingThePropertyAndTheReason(String field, String value) {
		this.runner.withPropertyValues("crm.health." + field + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(BindValidationException.class, (failure) -> {
					assertThat(failure.getValidationErrors().getName()).hasToString("crm.health");
					assertThat(failure.getValidationErrors().getAllErrors()).singleElement()
						.isInstanceOfSatisfying(FieldError.class, (error) -> {
							assertThat(error.getField()).isEqualTo(field);
							assertThat(error.getDefaultMessage()).isEqualTo("must be longer than or equal to 1 milli");
						});
				});
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(BoundedHealthProperties.class)
	static class BindHealthProperties {

	}

}
