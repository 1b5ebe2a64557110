package dev.crm.support;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Points the application at the shared test PostgreSQL. */
@TestConfiguration(proxyBeanMethods = false)
public class PostgresTestConfiguration {

	@Bean
	JdbcConnectionDetails testPostgresConnectionDetails() {
		return TestServices.postgres().connectionDetails();
	}

}
