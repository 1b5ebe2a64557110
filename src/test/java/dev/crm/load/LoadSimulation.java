package dev.crm.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * The service's load, on one target, for a bounded time. Its parameters are system
 * properties:
 * <ul>
 * <li>{@code target}: the API's base URL [http://127.0.0.1:8080];</li>
 * <li>{@code workload}: {@code realistic} (the mix a CRM front end sends, with its client
 * errors), or one of the benchmark's {@code get}, {@code stats}, {@code post},
 * {@code mix} [realistic];</li>
 * <li>{@code model}: {@code open}, a constant arrival rate of {@code rate} requests a
 * second whether or not earlier ones have answered, so a slow service shows as latency
 * and not as a lower rate; or {@code closed}, {@code users} users each sending their next
 * request when the last is answered: the throughput at saturation [open];</li>
 * <li>{@code rate} [20], {@code users} [16], {@code duration} (90s, 5m, 1h) [60s];</li>
 * <li>{@code stopFile}: a path; once a file exists there, the run ends early [none].</li>
 * </ul>
 * Every request carries a W3C {@code traceparent}, one in ten sampled. Connections are
 * shared between users (keep-alive), as a front end's pool does. Gatling prints the
 * achieved rate, the status of every KO and the percentiles, and writes its HTML report.
 */
public class LoadSimulation extends Simulation {

	/** The line that says the load starts, once the rows it reads are prepared. */
	public static final String STARTED = "[load] started";

	private static final String FINISHED = "[load] finished";

	private final String target = System.getProperty("target", "http://127.0.0.1:8080").replaceAll("/+$", "");

	private final Workload workload = Workload.of(System.getProperty("workload", "realistic"));

	private final boolean closed = closedModel(System.getProperty("model", "open"));

	private final double rate = Double.parseDouble(System.getProperty("rate", "20"));

	private final int users = Integer.parseInt(System.getProperty("users", "16"));

	private final Duration duration = duration(System.getProperty("duration", "60s"));

	/**
	 * A file whose appearance ends the run early, as if its duration were over: Gatling
	 * then still prints its summary and writes its report, which a killed JVM would not.
	 */
	private final Path stopFile = Optional.ofNullable(System.getProperty("stopFile")).map(Path::of).orElse(null);

	public LoadSimulation() {
		Dataset data = Dataset.prepare(this.target);
		HttpProtocolBuilder protocol = http.baseUrl(this.target)
			.acceptHeader("application/json")
			.userAgentHeader("crm-load (Gatling)")
			.authorizationHeader(Dataset.AUTHORIZATION)
			.header("traceparent", "#{traceparent}")
			.shareConnections()
			.disableWarmUp();
		ScenarioBuilder scenario = scenario(this.workload.title())
			.exec(stopLoadGeneratorIf("the stop file " + this.stopFile + " appeared", (session) -> stopAsked()))
			.feed(data.feeder())
			.exec(this.workload.chain(data));
		PopulationBuilder population = this.closed
				? scenario.injectClosed(constantConcurrentUsers(this.users).during(this.duration))
				: scenario.injectOpen(constantUsersPerSec(this.rate).during(this.duration));
		setUp(population.protocols(protocol));
	}

	@Override
	public void before() {
		System.out.println(STARTED + ": " + describe());
	}

	@Override
	public void after() {
		System.out.println(FINISHED + ": " + describe());
	}

	private boolean stopAsked() {
		return this.stopFile != null && Files.exists(this.stopFile);
	}

	private String describe() {
		String model = this.closed ? this.users + " users, closed model"
				: String.format(Locale.ROOT, "%.1f requests/s, open model", this.rate);
		return this.workload.id() + " (" + this.workload.title() + "), " + model + ", " + this.duration.toSeconds()
				+ " s against " + this.target;
	}

	private static boolean closedModel(String model) {
		return switch (model.trim()) {
			case "closed" -> true;
			case "open" -> false;
			default -> throw new IllegalArgumentException("model is open or closed, not " + model);
		};
	}

	static Duration duration(String text) {
		Matcher matcher = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?").matcher(text.trim());
		if (!matcher.matches()) {
			throw new IllegalArgumentException("A duration is a number with ms, s, m or h: " + text);
		}
		double amount = Double.parseDouble(matcher.group(1));
		double millis = switch ((matcher.group(2) != null) ? matcher.group(2) : "s") {
			case "ms" -> amount;
			case "m" -> amount * 60_000;
			case "h" -> amount * 3_600_000;
			default -> amount * 1000;
		};
		return Duration.ofMillis(Math.round(millis));
	}

}
