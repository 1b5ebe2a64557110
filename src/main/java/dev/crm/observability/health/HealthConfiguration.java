package dev.crm.observability.health;

import javax.sql.DataSource;

import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Bounded indicators for PostgreSQL (critical) and Redis (only when
 * {@code spring.data.redis.url} is set; non-critical), and their gauges. The bean names
 * replace Boot's own {@code db} and {@code redis} indicators, which would block a probe
 * for as long as the dependency does; the indicators they wrap are not beans, so Boot
 * does not also call them directly.
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

	/** The status of a non-critical dependency that is down: the service still serves. */
	static final Status DEGRADED = new Status("DEGRADED", "Serving, without a non-critical dependency");

	@Bean
	BoundedHealthIndicator dbHealthIndicator(DataSource dataSource, BoundedHealthProperties properties) {
		return new BoundedHealthIndicator("db", new DatabaseHealthIndicator(dataSource, properties.timeout()),
				Status.DOWN, properties);
	}

	@Bean
	@ConditionalOnProperty("spring.data.redis.url")
	BoundedHealthIndicator redisHealthIndicator(RedisConnectionFactory connectionFactory,
			BoundedHealthProperties properties) {
		return new BoundedHealthIndicator("redis", new RedisHealthIndicator(connectionFactory), DEGRADED, properties);
	}

	/**
	 * While Lettuce reconnects, fail Redis commands at once instead of queueing them
	 * until the command timeout: a dead cache must not slow the API.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer rejectRedisCommandsWhileDisconnected() {
		return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	/** {@code crm_health_component_up{component}}: 1 when UP, 0 otherwise. */
	@Bean
	MeterBinder healthComponentGauges(ObjectProvider<BoundedHealthIndicator> indicators) {
		return (registry) -> indicators.orderedStream()
			.forEach((indicator) -> Gauge.builder("crm.health.component.up", indicator, (i) -> i.isUp() ? 1 : 0)
				.tag("component", indicator.component())
				.description("Whether the service sees this dependency as UP (1) or not (0)")
				.strongReference(true)
				.register(registry));
	}

}
