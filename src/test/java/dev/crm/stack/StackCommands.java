package dev.crm.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.stream.Stream;

/**
 * The command lines of the monitoring processes, from the Debian packages, each listening
 * where the run's target files say it is. The native stack ({@code scripts/stack.sh}) and
 * the end-to-end suite both start them from here.
 */
public final class StackCommands {

	private StackCommands() {
	}

	/**
	 * The processes in the order to start them: the exporters and Alertmanager first,
	 * Prometheus last, so that its first evaluation finds what it scrapes and where it
	 * sends alerts.
	 * @param files the run's configuration files
	 * @param data where Prometheus and Alertmanager keep their data
	 * @param postgresDsn the database postgres-exporter watches
	 * @param redisUrl the Redis redis-exporter watches
	 * @return each process's command line by name
	 */
	public static SequencedMap<String, Command> of(StackFiles files, Path data, String postgresDsn, String redisUrl) {
		SequencedMap<String, Command> commands = new LinkedHashMap<>();
		add(commands, new Command("blackbox-exporter", files.port("blackbox-exporter"), Map.of(),
				"prometheus-blackbox-exporter", "--config.file=" + StackFiles.ROOT.resolve("prometheus/blackbox.yml")));
		add(commands, new Command("postgres-exporter", files.port("postgres"), Map.of("DATA_SOURCE_NAME", postgresDsn),
				"prometheus-postgres-exporter"));
		add(commands, new Command("redis-exporter", files.port("redis"), Map.of(), "prometheus-redis-exporter",
				"--redis.addr=" + redisUrl));
		add(commands, new Command("node-exporter", files.port("node"), Map.of(), "prometheus-node-exporter"));
		add(commands,
				new Command("alertmanager", files.port("alertmanager"), Map.of(), "prometheus-alertmanager",
						"--config.file=" + files.alertmanagerConfig(),
						"--storage.path=" + data.resolve("alertmanager-data"), "--cluster.listen-address=",
						// Debug logs name each flush and each notification held by a time
						// interval: what to look for when a notification did not arrive.
						"--log.level=debug"));
		add(commands, new Command("prometheus", files.port("prometheus"), Map.of(), "prometheus",
				"--config.file=" + files.prometheusConfig(), "--storage.tsdb.path=" + data.resolve("prometheus-data"),
				"--enable-feature=exemplar-storage", "--web.enable-lifecycle",
				// Firing alerts are re-sent every minute by default; shortened like every
				// other interval, so that a shortened run's first heartbeat does not wait
				// a minute.
				"--rules.alert.resend-delay=" + files.shorten(Duration.ofMinutes(1)).toMillis() + "ms"));
		return commands;
	}

	private static void add(SequencedMap<String, Command> commands, Command command) {
		commands.put(command.name(), command);
	}

	/**
	 * One process to start.
	 *
	 * @param name its name, also of its log file
	 * @param port where it listens, on 127.0.0.1
	 * @param environment what it needs in its environment
	 * @param command the binary and its arguments, the listen address included
	 */
	public record Command(String name, int port, Map<String, String> environment, List<String> command) {

		Command(String name, int port, Map<String, String> environment, String binary, String... arguments) {
			this(name, port, environment,
					Stream.concat(Stream.of(binary, "--web.listen-address=127.0.0.1:" + port), Stream.of(arguments))
						.toList());
		}

		public StackProcess start(Path logDirectory) {
			return StackProcess.start(this.name, logDirectory, this.environment, this.command);
		}

	}

}
