package dev.crm.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line that runs {@link LoadSimulation} in a JVM of its own, outside Maven:
 * the benchmark and the end-to-end suite start it as a child process, so that Gatling's
 * threads and heap never share a JVM with what they measure or with the tests. The
 * classpath is the one the build writes ({@code target/load-classpath.txt}, see the
 * {@code load-classpath} execution in pom.xml) plus the compiled test classes.
 */
public final class GatlingCommand {

	/**
	 * What Gatling needs on JDK 25 (its log writer reads String internals; Netty loads
	 * its native transport) and a heap that is enough for the rates used here.
	 */
	private static final List<String> JVM_FLAGS = List.of("-Xms256m", "-Xmx512m", "-XX:+UseG1GC",
			"--add-opens=java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED");

	private GatlingCommand() {
	}

	/**
	 * @param project the repository's root, with {@code target/} built
	 * @param results where Gatling writes its run directory (simulation log and HTML
	 * report)
	 * @param properties the simulation's parameters (see {@link LoadSimulation})
	 */
	public static List<String> of(Path project, Path results, Map<String, String> properties) {
		Path classpathFile = project.resolve("target/load-classpath.txt");
		Path testClasses = project.resolve("target/test-classes");
		if (!Files.exists(classpathFile) || !Files.exists(testClasses.resolve("dev/crm/load"))) {
			throw new IllegalStateException("The load simulations are not built: run ./mvnw -DskipTests package "
					+ "(or test-compile), which writes " + classpathFile + " and compiles " + testClasses);
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(JVM_FLAGS);
		properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
		try {
			command.addAll(List.of("-cp", testClasses + ":" + Files.readString(classpathFile).trim()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		command.addAll(List.of("io.gatling.app.Gatling", "-s", LoadSimulation.class.getName(), "-rf",
				results.toAbsolutePath().toString()));
		return command;
	}

}
