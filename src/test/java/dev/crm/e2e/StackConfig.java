package dev.crm.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.crm.stack.StackFiles;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The run's files, written by the launcher the native stack uses too
 * ({@link StackFiles}), with this run's rewrites: every port moved to a free one, every
 * interval divided by {@link #FACTOR}, the secret files holding this run's values and the
 * receivers pointed at the capture server. One more rewrite is this suite's own: the
 * times of the {@code business-hours} interval, to cover now or exclude it.
 */
final class StackConfig {

	/** Every interval is divided by this one factor; semantics stay. */
	static final int FACTOR = 10;

	static final Path ROOT = StackFiles.ROOT;

	private static final List<String> DAYS = List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
			"saturday");

	final StackFiles files;

	/**
	 * @param directory the run's directory
	 * @param ports the native port of each target (as in prometheus/targets.yml) to the
	 * port this run uses
	 * @param secrets file name under /run/secrets to its content for this run
	 * @param receiverUrls receiver name to the URL that stands in for it
	 */
	StackConfig(Path directory, Map<Integer, Integer> ports, Map<String, String> secrets,
			Map<String, String> receiverUrls) {
		Path secretDirectory = directory.resolve("secrets");
		try {
			Files.createDirectories(secretDirectory);
			for (Map.Entry<String, String> secret : secrets.entrySet()) {
				Files.writeString(secretDirectory.resolve(secret.getKey()), secret.getValue());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.files = new StackFiles(directory, (port) -> {
			Integer moved = ports.get(port);
			if (moved == null) {
				throw new IllegalStateException("No port of this run stands for the native port " + port);
			}
			return moved;
		}, FACTOR, secretDirectory, receiverUrls).write();
	}

	/**
	 * Adds instances to the crm-api job's target file, beside the one native target the
	 * launcher writes: Prometheus scrapes each instance of the jar as Kubernetes' pod
	 * discovery would.
	 * @param directory the run's directory
	 * @param managementPorts the management ports of the other instances
	 */
	@SuppressWarnings("unchecked")
	static void addCrmApiTargets(Path directory, List<Integer> managementPorts) {
		Path file = directory.resolve("prometheus/targets/crm-api.yml");
		try {
			List<Map<String, Object>> groups = new Yaml(new LoaderOptions()).load(Files.readString(file));
			List<String> addresses = (List<String>) groups.getFirst().get("targets");
			managementPorts.forEach((port) -> addresses.add("127.0.0.1:" + port));
			Files.writeString(file, StackFiles.yamlText(groups));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes alertmanager.yml with the {@code business-hours} times set so that now is
	 * inside ({@code covering}) or outside them. A Saturday or Sunday is outside Monday
	 * to Friday at any time of day, so only then are the weekdays widened too.
	 * @return a one-line account of the rewrite, for the run's report
	 */
	String writeAlertmanager(boolean covering) {
		Map<String, Object> timeInterval = businessHours();
		ZoneId zone = ZoneId.of((String) timeInterval.getOrDefault("location", "UTC"));
		ZonedDateTime now = ZonedDateTime.now(zone);
		LocalTime time = now.toLocalTime();
		List<Map<String, String>> times = new ArrayList<>();
		String weekdays = String.valueOf(timeInterval.get("weekdays"));
		if (covering) {
			// An hour either side of now, split at midnight so that it still covers now
			// if the run crosses midnight.
			int from = time.toSecondOfDay() / 60 - 60;
			int to = time.toSecondOfDay() / 60 + 60;
			times.add(range(Math.max(0, from), Math.min(24 * 60, to)));
			if (from < 0) {
				times.add(range(24 * 60 + from, 24 * 60));
			}
			if (to > 24 * 60) {
				times.add(range(0, to - 24 * 60));
			}
			Set<DayOfWeek> allowed = weekdays(timeInterval);
			if (!allowed.contains(now.getDayOfWeek()) || !allowed.contains(now.plusHours(1).getDayOfWeek())
					|| !allowed.contains(now.minusHours(1).getDayOfWeek())) {
				timeInterval.put("weekdays", List.of("sunday:saturday"));
				weekdays = "sunday:saturday (it is "
						+ now.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.ROOT) + " in "
						+ zone + ")";
			}
		}
		else {
			// Later today, or earlier today near midnight: outside now for at least an
			// hour, also across midnight.
			int minute = time.toSecondOfDay() / 60;
			times.add((minute < 22 * 60) ? range(minute + 60, minute + 120) : range(minute - 120, minute - 60));
		}
		timeInterval.put("times", times);
		this.files.writeAlertmanager();
		return "business-hours " + times + " on " + weekdays + " in " + zone + " (now " + time.withNano(0) + ")";
	}

	private Map<String, Object> businessHours() {
		for (Map<String, Object> interval : StackFiles.list(this.files.alertmanager().get("time_intervals"))) {
			if ("business-hours".equals(interval.get("name"))) {
				List<Map<String, Object>> specs = StackFiles.list(interval.get("time_intervals"));
				if (specs.size() != 1) {
					throw new IllegalStateException("business-hours has " + specs.size() + " specs; expected one");
				}
				return specs.getFirst();
			}
		}
		throw new IllegalStateException("alertmanager.yml has no business-hours time interval");
	}

	private static Set<DayOfWeek> weekdays(Map<String, Object> timeInterval) {
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		for (Object entry : (List<?>) timeInterval.getOrDefault("weekdays", List.of("sunday:saturday"))) {
			String[] bounds = entry.toString().toLowerCase(Locale.ROOT).split(":");
			int from = DAYS.indexOf(bounds[0]);
			int to = DAYS.indexOf(bounds[bounds.length - 1]);
			for (int day = from; day <= to; day++) {
				days.add(DayOfWeek.of((day == 0) ? 7 : day));
			}
		}
		return days;
	}

	private static Map<String, String> range(int fromMinute, int toMinute) {
		Map<String, String> range = new LinkedHashMap<>();
		range.put("start_time", clock(fromMinute));
		range.put("end_time", clock(toMinute));
		return range;
	}

	private static String clock(int minute) {
		return String.format("%02d:%02d", minute / 60, minute % 60);
	}

}
