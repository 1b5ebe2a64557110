package dev.crm.observability.health;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;
import dev.crm.support.TcpProxy;
import dev.crm.support.TestServices;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The time budget, against each way a dependency can fail: a check that never returns,
 * and real PostgreSQL connections that are refused, black-holed or to an unknown host.
 */
class BoundedHealthIndicatorTests {

	private static final BoundedHealthProperties PROPERTIES = new BoundedHealthProperties(Duration.ofMillis(200),
			Duration.ofMillis(500));

	@Test
	void checkThatNeverReturnsReadsAsDownOnceOverBudgetAndNeverStartsASecondRun() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger runs = new AtomicInteger();
		HealthIndicator hanging = () -> {
			if (runs.incrementAndGet() > 1) {
				awaitQuietly(release);
			}
			return Health.up().build();
		};
		BoundedHealthIndicator check = new BoundedHealthIndicator("hanging", hanging, Status.DOWN, PROPERTIES);
		check.start();
		try {
			assertThat(check.health().getStatus()).isEqualTo(Status.UP);
			await().atMost(Duration.ofSeconds(3)).until(() -> check.health().getStatus().equals(Status.DOWN));
			assertThat(check.health().getDetails()).containsKey("waitingMillis");

			try (ExecutorService probes = Executors.newFixedThreadPool(50)) {
				List<Future<Health>> answers = probes
					.invokeAll(java.util.Collections.nCopies(500, () -> timed(check::health)));
				for (Future<Health> answer : answers) {
					assertThat(answer.get().getStatus()).isEqualTo(Status.DOWN);
				}
			}
			assertThat(runs).hasValue(2);

			release.countDown();
			await().atMost(Duration.ofSeconds(3)).until(() -> check.health().getStatus().equals(Status.UP));
		}
		finally {
			release.countDown();
			check.stop();
		}
	}

	@Test
	void nonCriticalDependencyFailsWithItsOwnStatus() {
		HealthIndicator failing = () -> {
			throw new IllegalStateException("connection refused to secret-host:6379");
		};
		BoundedHealthIndicator check = new BoundedHealthIndicator("redis", failing, HealthConfiguration.DEGRADED,
				PROPERTIES);
		check.runOnce();
		Health health = check.health();
		assertThat(health.getStatus()).isEqualTo(HealthConfiguration.DEGRADED);
		// The class names what failed; the message, which may name hosts, stays out.
		assertThat(health.getDetails()).containsEntry("error", IllegalStateException.class.getName());
		assertThat(health.toString()).doesNotContain("secret-host");
		assertThat(check.isUp()).isFalse();
	}

	@Test
	void refusedPostgresReadsAsDownWithinOneSecond() {
		int closedPort;
		try (TcpProxy proxy = TcpProxy.start(1)) {
			closedPort = proxy.port();
		}
		assertDatabaseDownWithinBudget("jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres");
	}

	@Test
	void blackHoledPostgresReadsAsDownWithinOneSecond() {
		try (TcpProxy proxy = TcpProxy.start(TestServices.postgres().address())) {
			proxy.blackHole();
			assertDatabaseDownWithinBudget("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres");
		}
	}

	@Test
	void unknownPostgresHostReadsAsDownWithinOneSecond() {
		// .invalid never resolves (RFC 2606); a slow resolver must not slow the probe.
		assertDatabaseDownWithinBudget("jdbc:postgresql://crm-db.invalid:5432/postgres");
	}

	@Test
	void reachablePostgresReadsAsUpWithPoolDetails() throws SQLException {
		try (HikariDataSource dataSource = dataSource(TestServices.postgres().jdbcUrl())) {
			// A connected pool, as in the running service: the pool's first connection
			// (TCP, authentication) is not what the check's budget is for.
			dataSource.getConnection().close();
			BoundedHealthIndicator check = new BoundedHealthIndicator("db",
					new DatabaseHealthIndicator(dataSource, PROPERTIES.timeout()), Status.DOWN, PROPERTIES);
			check.runOnce();
			assertThat(check.health().getStatus()).isEqualTo(Status.UP);
			assertThat(check.health().getDetails()).containsEntry("database", "PostgreSQL").containsKey("poolActive");
		}
	}

	private static void assertDatabaseDownWithinBudget(String jdbcUrl) {
		try (HikariDataSource dataSource = dataSource(jdbcUrl)) {
			BoundedHealthIndicator check = new BoundedHealthIndicator("db",
					new DatabaseHealthIndicator(dataSource, PROPERTIES.timeout()), Status.DOWN, PROPERTIES);
			check.start();
			try {
				// start() waits for the first result, but never longer than the budget.
				await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
					Health health = timed(check::health);
					return health.getStatus().equals(Status.DOWN)
							&& !"not checked yet".equals(health.getDetails().get("reason"));
				});
			}
			finally {
				check.stop();
			}
		}
	}

	/** The same pool settings as application.yml. */
	private static HikariDataSource dataSource(String jdbcUrl) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(jdbcUrl);
		dataSource.setUsername("postgres");
		dataSource.setPassword("postgres");
		dataSource.setConnectionTimeout(1000);
		dataSource.setValidationTimeout(500);
		dataSource.setInitializationFailTimeout(-1);
		dataSource.addDataSourceProperty("socketTimeout", "1");
		dataSource.addDataSourceProperty("connectTimeout", "1");
		return dataSource;
	}

	private static Health timed(Supplier<Health> health) {
		long started = System.nanoTime();
		Health result = health.get();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
		return result;
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
