package dev.crm.support;

import java.net.InetSocketAddress;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * A real PostgreSQL for tests, whichever way {@link TestServices} started it. Every one
 * has the database, user and password {@code postgres}, so tests that reach it another
 * way (through a {@link TcpProxy}, or from a child process) know how to log in.
 */
public interface PostgresServer extends AutoCloseable {

	String DATABASE = "postgres";

	String USERNAME = "postgres";

	String PASSWORD = "postgres";

	String host();

	int port();

	default InetSocketAddress address() {
		return new InetSocketAddress(host(), port());
	}

	default String jdbcUrl() {
		return "jdbc:postgresql://" + host() + ":" + port() + "/" + DATABASE;
	}

	/** Connection details that make Boot build its Hikari pool against this server. */
	default JdbcConnectionDetails connectionDetails() {
		return connectionDetails(jdbcUrl());
	}

	/**
	 * Connection details for a test server reached at {@code jdbcUrl}, for example
	 * through a fault-injecting proxy.
	 */
	static JdbcConnectionDetails connectionDetails(String jdbcUrl) {
		return new JdbcConnectionDetails() {

			@Override
			public String getUsername() {
				return USERNAME;
			}

			@Override
			public String getPassword() {
				return PASSWORD;
			}

			@Override
			public String getJdbcUrl() {
				return jdbcUrl;
			}

		};
	}

	/** Stops the server; for one a test started of its own, an outage. */
	@Override
	void close();

}
