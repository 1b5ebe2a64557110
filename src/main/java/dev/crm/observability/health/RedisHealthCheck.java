package dev.crm.observability.health;

import java.util.function.Supplier;

import org.springframework.boot.health.contributor.Health;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Sends {@code PING}. Bounded by the Redis command timeout, and immediate while Lettuce
 * is disconnected because it rejects commands then instead of queueing them.
 */
final class RedisHealthCheck implements Supplier<Health> {

	private final RedisConnectionFactory connectionFactory;

	RedisHealthCheck(RedisConnectionFactory connectionFactory) {
		this.connectionFactory = connectionFactory;
	}

	@Override
	public Health get() {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			String pong = connection.ping();
			return "PONG".equalsIgnoreCase(pong) ? Health.up().build()
					: Health.down().withDetail("reason", "unexpected reply to PING").build();
		}
	}

}
