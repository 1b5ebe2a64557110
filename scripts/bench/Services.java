import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * PostgreSQL and Redis for every instance, as child processes on free loopback ports,
 * with their data in a throwaway directory. PostgreSQL comes from the Debian package
 * {@code postgresql-15}, Redis from {@code redis-server}: the ones the test command
 * installs. PostgreSQL refuses to run as root, so as root it runs as the package's
 * {@code postgres} user.
 */
final class Services implements AutoCloseable {

	/** One database per instance (by its index in {@code Results}), so all serve identical rows. */
	static final String[] DATABASES = { "bench_default", "bench_off", "bench_agent", "bench_access_log_off" };

	private final Path pgBin;

	private final Path directory;

	private final Path log;

	final int postgresPort = freePort();

	final int redisPort = freePort();

	private final List<Process> processes = new ArrayList<>();

	/** Data directories not yet removed, for the cleanup after an interrupted run. */
	private static final Set<Path> undeleted = ConcurrentHashMap.newKeySet();

	private Services(Path pgBin, Path directory, Path log) {
		this.pgBin = pgBin;
		this.directory = directory;
		this.log = log;
	}

	static Services start(Path pgBin, Path logDirectory) throws IOException, InterruptedException {
		if (!Files.isExecutable(pgBin.resolve("postgres"))) {
			throw new IllegalStateException("No PostgreSQL binaries in " + pgBin
					+ " (Debian package postgresql-15; set BENCH_PG_BIN to another directory)");
		}
		Path directory = Files.createTempDirectory("crm-bench-");
		undeleted.add(directory);
		Services services = new Services(pgBin, directory, logDirectory.resolve("services.log"));
		try {
			services.startPostgres();
			services.startRedis();
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			services.close();
			throw ex;
		}
		return services;
	}

	String jdbcUrl(int instance) {
		return "jdbc:postgresql://127.0.0.1:" + this.postgresPort + "/" + DATABASES[instance];
	}

	private void startPostgres() throws IOException, InterruptedException {
		Path data = this.directory.resolve("pgdata");
		Files.createDirectories(data);
		if (isRoot()) {
			giveToPostgresUser(this.directory);
			giveToPostgresUser(data);
		}
		run(asPostgresUser(this.pgBin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
				"--auth=trust", "-E", "UTF8", "--no-sync"));
		// Tuned for repeatable timings, not durability: the data is thrown away, and
		// fsync on a disk shared with other work would add noise to every write.
		Process postgres = new ProcessBuilder(asPostgresUser(this.pgBin.resolve("postgres").toString(), "-D",
				data.toString(), "-p", Integer.toString(this.postgresPort), "-c", "listen_addresses=127.0.0.1", "-c",
				"unix_socket_directories=" + data, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c",
				"full_page_writes=off", "-c", "max_connections=50"))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
			.start();
		this.processes.add(postgres);
		waitUntil(() -> run(List.of(this.pgBin.resolve("pg_isready").toString(), "-q", "-h", "127.0.0.1", "-p",
				Integer.toString(this.postgresPort)), false), "PostgreSQL to accept connections", postgres);
		for (String database : DATABASES) {
			run(List.of(this.pgBin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p",
					Integer.toString(this.postgresPort), "-U", "postgres", database));
		}
	}

	private void startRedis() throws IOException, InterruptedException {
		Process redis = new ProcessBuilder("redis-server", "--port", Integer.toString(this.redisPort), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.directory.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
			.start();
		this.processes.add(redis);
		waitUntil(() -> accepts(this.redisPort), "redis-server to accept connections", redis);
	}

	private List<String> asPostgresUser(String... command) {
		List<String> all = new ArrayList<>();
		if (isRoot()) {
			all.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
		}
		all.addAll(List.of(command));
		return all;
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static void giveToPostgresUser(Path path) throws IOException {
		UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
		UserPrincipal user = lookup.lookupPrincipalByName("postgres");
		GroupPrincipal group = lookup.lookupPrincipalByGroupName("postgres");
		PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
		view.setOwner(user);
		view.setGroup(group);
	}

	private void run(List<String> command) throws IOException, InterruptedException {
		if (!run(command, true)) {
			throw new IllegalStateException(command.getFirst() + " failed; see " + this.log);
		}
	}

	private boolean run(List<String> command, boolean logOutput) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(logOutput ? ProcessBuilder.Redirect.appendTo(this.log.toFile())
						: ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return false;
			}
			return process.exitValue() == 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void waitUntil(Check check, String what, Process process) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!check.ok()) {
			if (!process.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException("Gave up waiting for " + what + "; see " + this.log);
			}
			Thread.sleep(50);
		}
	}

	static boolean accepts(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		for (Process process : this.processes.reversed()) {
			process.destroy();
			try {
				if (!process.waitFor(15, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
		delete(this.directory);
	}

	/** Removes the data directories of runs whose {@link #close()} never ran. */
	static void deleteUndeleted() {
		undeleted.forEach(Services::delete);
	}

	private static void delete(Path directory) {
		if (!undeleted.remove(directory)) {
			return;
		}
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			System.err.println("[bench] could not remove " + directory + ": " + ex.getMessage());
		}
	}

	@FunctionalInterface
	private interface Check {

		boolean ok() throws InterruptedException;

	}

}
