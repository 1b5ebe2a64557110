package dev.crm.web.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.RunningApp;
import dev.crm.support.SentryStandIn;
import dev.crm.support.TestTokens;
import dev.crm.web.hostile.RawExchange.Answer;
import io.sentry.Sentry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends every case of the hostile-input corpus ({@code src/test/resources/hostile/*.yml}
 * and the seeded generator) over its own socket to the running application, then asserts
 * one test per case, named by what it sent: no 5xx; the status the case expects, if any;
 * an error is {@code application/problem+json} whose {@code request_id} is the one in the
 * {@code X-Request-ID} header; no stack trace, class name or SQL in an error body; an
 * answer at all unless the case documents why closing the connection is enough; one
 * access line for an answered request; and no ERROR line and no Sentry event caused by
 * it. ERROR events are caught in-process as they are logged, so one logged between the
 * start of a case and the next belongs to that case, whether or not it carries a request
 * ID; Sentry events are matched by their {@code request_id} tag. Whatever belongs to no
 * case fails one more test. The figures of the run, and every failing case with its
 * reasons, are written to {@code target/hostile-input/summary.md}.
 */
@IntegrationTest
@DirtiesContext
class HostileInputIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(HostileInputIntegrationTests.class);

	private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * What an error body must never contain unless the request itself did: traces, class
	 * and package names, the container's name, and PostgreSQL's or JDBC's words.
	 */
	private static final List<String> LEAKS = List.of("exception", "\tat ", "caused by", "java.", "jakarta.",
			"org.springframework", "org.apache", "tomcat", "<html", "org.postgresql", "psql", "sqlstate", "jdbc",
			"hikari", "invalid byte sequence", "syntax error at", "violates", "duplicate key", "insert into", "select ",
			" from ", "dev.crm.");

	static final SentryStandIn sentry = SentryStandIn.start();

	@DynamicPropertySource
	static void sentryDsn(DynamicPropertyRegistry registry) {
		registry.add("sentry.dsn", sentry::dsn);
	}

	@AfterAll
	static void stopSentry() {
		sentry.close();
	}

	@Autowired
	RunningApp app;

	@TestFactory
	Stream<DynamicTest> everyHostileRequestIsAnsweredWithoutA5xxALeakOrAnError() {
		Api api = this.app.api();
		long campaign = api.createCampaign("Hostile input");
		Map<String, String> values = Map.of("campaign", Long.toString(campaign), "lead",
				Long.toString(api.createLead(campaign, "hostile.input@example.com")), HostileCorpus.TOKEN,
				TestTokens.VALID);
		List<HostileCase> cases = new ArrayList<>(HostileCorpus.load(values));
		long seed = Long.getLong("hostile.seed", new SecureRandom().nextLong());
		cases.addAll(HostileGenerator.generate(seed, Integer.getInteger("hostile.generated", 60), values));
		log.info("Sending {} hostile requests; the generated ones from -Dhostile.seed={}", cases.size(), seed);

		List<Sent> sent = new ArrayList<>();
		List<String> unattributed = new ArrayList<>();
		try (LogEvents logged = LogEvents.attach()) {
			List<Integer> starts = new ArrayList<>();
			long started = System.nanoTime();
			for (HostileCase hostile : cases) {
				starts.add(logged.errorCount());
				sent.add(new Sent(hostile,
						RawExchange.send(this.app.port(), hostile.request(), hostile.isHead(), ANSWER_TIMEOUT)));
			}
			int end = logged.errorCount();
			log.info("Sent {} hostile requests in {} ms", cases.size(), (System.nanoTime() - started) / 1_000_000);
			Sentry.flush(10_000);
			awaitAccessLines(sent, logged);
			// An error logged between the start of one case and the next belongs to the
			// first: the server logs it before it answers or closes the connection.
			List<LogEvents.ErrorEvent> errors = logged.errors();
			for (int i = 0; i < sent.size(); i++) {
				Sent one = sent.get(i);
				one.judge();
				if (one.requestId() != null && logged.accessLines(one.requestId()) != 1) {
					one.violations.add(logged.accessLines(one.requestId()) + " access lines");
				}
				int to = (i + 1 < sent.size()) ? starts.get(i + 1) : end;
				errors.subList(starts.get(i), to).forEach((event) -> one.violations.add(event.toString()));
			}
			errors.subList(end, errors.size()).forEach((event) -> unattributed.add(event.toString()));
		}
		Map<String, Sent> byRequestId = new HashMap<>();
		sent.stream().filter((s) -> s.requestId() != null).forEach((s) -> byRequestId.put(s.requestId(), s));
		for (JsonNode event : sentry.events()) {
			String requestId = event.at("/tags/request_id").asString(null);
			String text = "Sentry event: " + abbreviate(event.at("/exception/values/0/type").asString("") + " "
					+ event.at("/message/formatted").asString(""));
			Sent owner = byRequestId.get(requestId);
			if (owner != null) {
				owner.violations.add(text);
			}
			else {
				unattributed.add(text + " (request " + requestId + ")");
			}
		}
		writeSummary(sent, unattributed, seed);

		Stream<DynamicTest> perCase = sent.stream()
			.map((s) -> DynamicTest
				.dynamicTest(abbreviate(printable(s.hostile.toString())),
						() -> assertThat(s.violations).as("%s%nsent: %s%nanswer: %s", s.hostile,
								abbreviate(printable(new String(s.hostile.request(), StandardCharsets.UTF_8))),
								s.describeAnswer())
							.isEmpty()));
		DynamicTest nothingElse = DynamicTest.dynamicTest("no ERROR line or Sentry event outside the cases",
				() -> assertThat(unattributed).isEmpty());
		return Stream.concat(perCase, Stream.of(nothingElse));
	}

	/**
	 * Access lines are written as a request completes, which may be just after its client
	 * has read the answer: wait a little for the last ones, then judge whatever is there.
	 */
	private static void awaitAccessLines(List<Sent> sent, LogEvents logged) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (System.nanoTime() < deadline
				&& sent.stream().anyMatch((s) -> s.requestId() != null && logged.accessLines(s.requestId()) == 0)) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * Writes the run's figures to target/hostile-input/summary.md: the corpus size, the
	 * 5xx answers, the error answers that are not problems, the unanswered requests and
	 * every failing case with its reasons.
	 */
	private static void writeSummary(List<Sent> sent, List<String> unattributed, long seed) {
		long serverErrors = sent.stream().filter((s) -> s.answer.status() >= 500).count();
		long notProblems = sent.stream().filter((s) -> s.answer.status() >= 400 && !s.isProblem()).count();
		long unanswered = sent.stream().filter((s) -> !s.answer.answered()).count();
		List<Sent> failing = sent.stream().filter((s) -> !s.violations.isEmpty()).toList();
		StringBuilder summary = new StringBuilder();
		summary.append("- cases: ")
			.append(sent.size())
			.append(" (")
			.append(sent.stream().filter((s) -> !s.hostile.family().startsWith("generated")).count())
			.append(" fixed, the rest generated with -Dhostile.seed=")
			.append(seed)
			.append(")\n");
		Map<String, Long> families = sent.stream()
			.collect(Collectors.groupingBy((s) -> s.hostile.family(), TreeMap::new, Collectors.counting()));
		summary.append("- per family: ").append(families).append('\n');
		summary.append("- 5xx answers: ").append(serverErrors).append('\n');
		summary.append("- error answers not application/problem+json: ").append(notProblems).append('\n');
		summary.append("- no answer: ")
			.append(unanswered)
			.append(" (of which required: ")
			.append(sent.stream().filter((s) -> !s.answer.answered() && s.hostile.answerRequired()).count())
			.append(")\n");
		summary.append("- failing cases: ").append(failing.size()).append('\n');
		summary.append("- ERROR lines or Sentry events outside any case's request: ")
			.append(unattributed.size())
			.append("\n\n");
		for (Sent s : failing) {
			summary.append("- `")
				.append(abbreviate(printable(s.hostile.toString())).replace("`", "'"))
				.append("`: ")
				.append(printable(String.join("; ", s.violations)).replace("`", "'"))
				.append('\n');
		}
		for (String line : unattributed) {
			summary.append("- outside the cases: ").append(printable(line).replace("`", "'")).append('\n');
		}
		try {
			Path file = Path.of("target", "hostile-input", "summary.md");
			Files.createDirectories(file.getParent());
			Files.writeString(file, summary);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		log.info("Hostile input summary:\n{}", summary);
	}

	/**
	 * Shows control, format and non-ASCII characters as escapes, so a name is legible.
	 */
	static String printable(String text) {
		StringBuilder shown = new StringBuilder();
		text.codePoints().forEach((c) -> {
			if (c >= 0x20 && c < 0x7f) {
				shown.appendCodePoint(c);
			}
			else if (c == '\r') {
				shown.append("\\r");
			}
			else if (c == '\n') {
				shown.append("\\n");
			}
			else {
				shown.append((c > 0xffff) ? "\\U%08X".formatted(c) : "\\u%04X".formatted(c));
			}
		});
		return shown.toString();
	}

	private static String abbreviate(String text) {
		return (text.length() > 240) ? text.substring(0, 240) + "...(" + text.length() + " chars)" : text;
	}

	/** One case as sent, its answer, and what is wrong with it. */
	private static final class Sent {

		final HostileCase hostile;

		final Answer answer;

		final List<String> violations = new ArrayList<>();

		Sent(HostileCase hostile, Answer answer) {
			this.hostile = hostile;
			this.answer = answer;
		}

		String requestId() {
			return this.answer.header("X-Request-ID");
		}

		boolean isProblem() {
			String type = this.answer.header("Content-Type");
			return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/problem+json");
		}

		void judge() {
			if (!this.answer.answered()) {
				if (this.hostile.answerRequired()) {
					this.violations.add("no answer: " + this.answer.failure());
				}
				return;
			}
			int status = this.answer.status();
			if (status >= 500) {
				this.violations.add("answered " + status);
			}
			else if (!this.hostile.expects(status)) {
				this.violations.add("answered " + status + ", expected " + String.join(" or ", this.hostile.expect()));
			}
			if (status >= 400) {
				judgeError();
			}
		}

		private void judgeError() {
			if (!isProblem()) {
				this.violations.add("error answer is not application/problem+json but "
						+ this.answer.header("Content-Type") + " (" + this.answer.body().length() + " chars)");
				return;
			}
			if (this.hostile.isHead()) {
				return;
			}
			JsonNode problem;
			try {
				problem = JsonMapper.shared().readTree(this.answer.body());
			}
			catch (RuntimeException ex) {
				this.violations.add("problem body is not JSON");
				return;
			}
			String requestId = problem.path("request_id").asString("");
			if (requestId.isBlank() || !requestId.equals(requestId())) {
				this.violations
					.add("problem request_id '" + requestId + "' is not the X-Request-ID header '" + requestId() + "'");
			}
			String body = this.answer.body().toLowerCase(Locale.ROOT);
			String sentText = new String(this.hostile.request(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
			for (String leak : LEAKS) {
				if (body.contains(leak) && !sentText.contains(leak)) {
					this.violations.add("error body contains '" + leak.strip() + "'");
				}
			}
		}

		String describeAnswer() {
			if (!this.answer.answered()) {
				return "none (" + this.answer.failure() + ")";
			}
			return this.answer.status() + " " + this.answer.headers() + " " + abbreviate(this.answer.body());
		}

	}

}
