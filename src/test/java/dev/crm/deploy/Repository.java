package dev.crm.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.crm.stack.StackFiles;

/** The repository's files the manifests are made from. */
final class Repository {

	static final Path ROOT = StackFiles.ROOT;

	static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");

	static final Path RULES = ROOT.resolve("prometheus/rules");

	static final Path DASHBOARDS = ROOT.resolve("grafana/dashboards");

	private Repository() {
	}

	/** The files of a directory whose names end with the suffix, sorted by name. */
	static List<Path> files(Path dir, String suffix) {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void write(Path file, String text) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String relative(Path file) {
		return ROOT.relativize(file).toString();
	}

}
