package dev.crm.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.crm.support.TestServices.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The one switch between Testcontainers and native processes: containers only where a
 * Docker engine answers, Testcontainers never asked where nothing points at one, and a
 * forced choice that cannot be met fails instead of skipping.
 */
class TestServicesTests {

	private static final BooleanSupplier MUST_NOT_ASK = () -> {
		throw new AssertionError("Testcontainers was asked although nothing points at a Docker engine");
	};

	@TempDir
	Path home;

	@Test
	void nothingPointingAtDockerMeansNativeWithoutAskingTestcontainers() {
		assertThat(TestServices.choose(null, false, MUST_NOT_ASK)).isEqualTo(Source.NATIVE);
	}

	@Test
	void anEngineThatAnswersMeansContainers() {
		assertThat(TestServices.choose(null, true, () -> true)).isEqualTo(Source.CONTAINERS);
	}

	@Test
	void aSocketWithoutAnAnsweringEngineMeansNative() {
		assertThat(TestServices.choose(" ", true, () -> false)).isEqualTo(Source.NATIVE);
	}

	@Test
	void overrideToNativeNeverAsksDocker() {
		assertThat(TestServices.choose("native", true, MUST_NOT_ASK)).isEqualTo(Source.NATIVE);
	}

	@Test
	void overrideToContainersWithoutAnEngineFailsRatherThanSkips() {
		assertThatIllegalStateException().isThrownBy(() -> TestServices.choose("containers", false, () -> false))
			.withMessageContaining("CRM_TEST_SERVICES=containers");
		assertThat(TestServices.choose("Containers", false, () -> true)).isEqualTo(Source.CONTAINERS);
	}

	@Test
	void unknownOverrideIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> TestServices.choose("docker", true, () -> true))
			.withMessageContaining("'native' or 'containers'");
	}

	@Test
	void dockerHostTestcontainersFileOrSocketPointAtAnEngine() throws IOException {
		assertThat(TestServices.dockerMayAnswer(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"), this.home)).isTrue();

		Path colima = Files.createDirectories(this.home.resolve(".colima/default")).resolve("docker.sock");
		Files.createFile(colima);
		assertThat(TestServices.dockerMayAnswer(Map.of(), this.home)).isTrue();
		Files.delete(colima);

		Files.createFile(this.home.resolve(".testcontainers.properties"));
		assertThat(TestServices.dockerMayAnswer(Map.of(), this.home)).isTrue();
	}

	@Test
	void theChosenPostgresAndRedisAnswer() throws SQLException {
		PostgresServer postgres = TestServices.postgres();
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USERNAME,
				PostgresServer.PASSWORD); ResultSet result = connection.createStatement().executeQuery("SELECT 1")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getInt(1)).isEqualTo(1);
		}
		assertThat(TestServices.postgres()).isSameAs(postgres);

		RedisServer redis = TestServices.redis();
		assertThat(redis.answersPing()).isTrue();
		assertThat(TestServices.redis()).isSameAs(redis);
	}

	@Test
	void aStoppedRedisRefusesThenComesBackOnTheSameAddress() {
		try (RedisServer redis = TestServices.newRedis()) {
			String url = redis.url();
			redis.stop();
			assertThat(redis.answersPing()).isFalse();
			redis.start();
			assertThat(redis.answersPing()).isTrue();
			assertThat(redis.url()).isEqualTo(url);
		}
	}

}
