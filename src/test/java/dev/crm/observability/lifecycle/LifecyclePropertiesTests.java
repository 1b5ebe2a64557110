package dev.crm.observability.lifecycle;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.FieldError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shutdown delay is validated when it is bound, so a bad setting stops the startup
 * with the property and the reason, which Boot prints under "APPLICATION FAILED TO
 * START".
 */
class LifecyclePropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(BindLifecycleProperties.class);

	@Test
	void defaultsToFiveSecondShutdownDelay() {
		this.runner.run((context) -> assertThat(context.getBean(LifecycleProperties.class))
			.isEqualTo(new LifecycleProperties(Duration.ofSeconds(5))));
	}

	@Test
	void acceptsNoDelayForDeploymentsWithAPreStopSleep() {
		this.runner.withPropertyValues("crm.lifecycle.shutdown-delay=0s")
			.run((context) -> assertThat(context.getBean(LifecycleProperties.class).shutdownDelay()).isZero());
	}

	@Test
	void negativeDelayStopsStartupNamingThePropertyAndTheReason() {
		this.runner.withPropertyValues("crm.lifecycle.shutdown-delay=-1s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(BindValidationException.class, (failure) -> {
					assertThat(failure.getValidationErrors().getName()).hasToString("crm.lifecycle");
					assertThat(failure.getValidationErrors().getAllErrors()).singleElement()
						.isInstanceOfSatisfying(FieldError.class, (error) -> {
							assertThat(error.getField()).isEqualTo("shutdownDelay");
							assertThat(error.getDefaultMessage()).isEqualTo("must be longer than or equal to 0");
						});
				});
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(LifecycleProperties.class)
	static class BindLifecycleProperties {

	}

}
