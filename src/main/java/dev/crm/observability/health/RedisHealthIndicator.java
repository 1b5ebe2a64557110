package dev.crm.observability.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Sends {@code PING}. Bounded by the Redis command timeout, and immediate while Lettuce
 * is disconnected because it rejects commands then instead of queueing them. Not a bean:
 * {@link BoundedHealthIndicator} runs it off the probe's thread.
 */
final class RedisHealthIndicator implements HealthIndicator {

	private final RedisConnectionFactory connectionFactory;

	RedisHealthIndicator(RedisConnectionFactory connectionFactory) {
		this.connectionFactory = connectionFactory;
	}

	@Override
	public Health health() {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			String pong = connection.ping();
			return "PONG".equalsIgnoreCase(pong) ? Health.up().build()
					: Health.down().withDetail("reason", "unexpected reply to PING").build();
		}
	}

}
