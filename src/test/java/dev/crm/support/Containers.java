package dev.crm.support;

import java.time.Duration;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL and Redis in Docker containers: the choice of {@link TestServices} where a
 * Docker engine answers. The images are the ones {@code docker-compose.monitoring.yml}
 * pins; Testcontainers removes the containers when the JVM exits.
 */
final class Containers {

	private static final DockerImageName POSTGRES = DockerImageName.parse("postgres:18.1");

	private static final DockerImageName REDIS = DockerImageName.parse("redis:8.2.2");

	private static final int REDIS_PORT = 6379;

	private Containers() {
	}

	static PostgresServer postgres() {
		PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES).withDatabaseName(PostgresServer.DATABASE)
			.withUsername(PostgresServer.USERNAME)
			.withPassword(PostgresServer.PASSWORD);
		container.start();
		return new PostgresServer() {

			@Override
			public String host() {
				return container.getHost();
			}

			@Override
			public int port() {
				return container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
			}

			@Override
			public void close() {
				container.stop();
			}

		};
	}

	static RedisServer redis() {
		return new RedisContainer();
	}

	/**
	 * Redis with a fixed host port, so that it comes back on the same address after
	 * {@link #stop()}: a restarted container would otherwise get a new random port.
	 */
	private static final class RedisContainer implements RedisServer {

		private final GenericContainer<?> container;

		private final int hostPort = RedisServerProcess.freePort();

		private boolean running;

		RedisContainer() {
			this.container = new GenericContainer<>(REDIS).withExposedPorts(REDIS_PORT)
				.withCommand("redis-server", "--save", "", "--appendonly", "no")
				.withCreateContainerCmdModifier(
						(create) -> create.getHostConfig()
							.withPortBindings(new PortBinding(Ports.Binding.bindPort(this.hostPort),
									new ExposedPort(REDIS_PORT))))
				.waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1));
			this.container.start();
			this.running = true;
		}

		@Override
		public String host() {
			return this.container.getHost();
		}

		@Override
		public int port() {
			return this.hostPort;
		}

		@Override
		public synchronized void start() {
			if (!this.running) {
				this.container.getDockerClient().startContainerCmd(this.container.getContainerId()).exec();
				await().atMost(Duration.ofSeconds(30)).until(this::answersPing);
				this.running = true;
			}
		}

		@Override
		public synchronized void stop() {
			if (this.running) {
				this.container.getDockerClient().stopContainerCmd(this.container.getContainerId()).exec();
				this.running = false;
			}
		}

		@Override
		public void close() {
			this.container.stop();
		}

	}

}
