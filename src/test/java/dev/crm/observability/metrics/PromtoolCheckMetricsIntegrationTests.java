package dev.crm.observability.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.crm.support.ObservedIntegrationTestBase;
import dev.crm.support.PrometheusScrape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lints a real scrape with {@code promtool check metrics} (Debian package
 * {@code prometheus}, installed by {@code scripts/test.sh}). Our metrics and the HTTP
 * server metrics must pass; Micrometer's binders keep their community names, and what
 * promtool says about them must be exactly what docs/metrics-and-traces.md lists.
 */
class PromtoolCheckMetricsIntegrationTests extends ObservedIntegrationTestBase {

	private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([a-z0-9_]+)` \\| ([^|]+?) \\|");

	@Test
	void findsNothingWrongWithOurMetricsAndOnlyTheReadmesListInTheBinders() throws Exception {
		long campaign = api().createCampaign("promtool");
		api().createLead(campaign, "promtool@example.com");
		api().get("/api/v1/campaigns/" + campaign + "/stats");
		api().get("/no-such-page");
		PrometheusScrape scrape = scrape();

		Set<String> complaints = promtool(scrape.text());
		System.out.println("promtool check metrics: " + complaints);

		assertThat(complaints).noneMatch((line) -> line.startsWith("crm_") || line.startsWith("http_server_requests"));
		Set<String> documented = readmeList();
		assertThat(complaints).isSubsetOf(documented);
		Set<String> families = scrape.metricFamilies();
		assertThat(documented).filteredOn((line) -> families.contains(line.substring(0, line.indexOf(' '))))
			.isSubsetOf(complaints);
	}

	private static Set<String> promtool(String scrape) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
		try (OutputStream stdin = process.getOutputStream()) {
			stdin.write(scrape.getBytes(StandardCharsets.UTF_8));
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		// 0: clean, 3: lint problems found; anything else means promtool could not run.
		assertThat(process.exitValue()).as(output).isIn(0, 3);
		Set<String> complaints = new TreeSet<>();
		output.lines().map(String::strip).filter((line) -> !line.isEmpty()).forEach(complaints::add);
		return complaints;
	}

	/**
	 * Rows of the promtool table in docs/metrics-and-traces.md, as
	 * {@code "metric problem"}.
	 */
	private static Set<String> readmeList() throws IOException {
		String readme = Files.readString(Path.of("docs/metrics-and-traces.md"));
		String table = readme.substring(readme.indexOf("<!-- promtool:begin -->"),
				readme.indexOf("<!-- promtool:end -->"));
		Set<String> rows = new TreeSet<>();
		for (String line : table.split("\n")) {
			Matcher row = TABLE_ROW.matcher(line);
			if (row.find()) {
				rows.add(row.group(1) + " " + row.group(2).strip());
			}
		}
		assertThat(rows).as("docs/metrics-and-traces.md promtool table").isNotEmpty();
		return rows;
	}

}
