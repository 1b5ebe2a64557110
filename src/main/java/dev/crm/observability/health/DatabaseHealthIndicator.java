package dev.crm.observability.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Borrows a pooled connection and validates it. Both steps are bounded: the borrow by
 * Hikari's {@code connection-timeout}, the validation by {@code isValid}'s own timeout
 * and the driver's socket timeout. Going through the pool means the check sees what
 * requests see. Not a bean: {@link BoundedHealthIndicator} runs it off the probe's
 * thread.
 */
final class DatabaseHealthIndicator implements HealthIndicator {

	private final DataSource dataSource;

	private final int validationSeconds;

	DatabaseHealthIndicator(DataSource dataSource, Duration timeout) {
		this.dataSource = dataSource;
		this.validationSeconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
	}

	@Override
	public Health health() {
		try (Connection connection = this.dataSource.getConnection()) {
			boolean valid = connection.isValid(this.validationSeconds);
			Health.Builder builder = valid ? Health.up() : Health.down().withDetail("reason", "connection not valid");
			return builder.withDetail("database", connection.getMetaData().getDatabaseProductName())
				.withDetails(pool())
				.build();
		}
		catch (SQLException ex) {
			return Health.down().withDetail("error", ex.getClass().getName()).withDetails(pool()).build();
		}
	}

	private Map<String, Object> pool() {
		Map<String, Object> details = new LinkedHashMap<>();
		if (this.dataSource instanceof HikariDataSource hikari) {
			HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
			if (pool != null) {
				details.put("poolActive", pool.getActiveConnections());
				details.put("poolIdle", pool.getIdleConnections());
				details.put("poolPending", pool.getThreadsAwaitingConnection());
				details.put("poolMax", hikari.getMaximumPoolSize());
			}
		}
		return details;
	}

}
