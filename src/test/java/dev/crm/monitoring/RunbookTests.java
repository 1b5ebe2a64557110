package dev.crm.monitoring;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static dev.crm.monitoring.MonitoringStack.RUNBOOKS;
import static org.assertj.core.api.Assertions.assertThat;

/** runbooks/: one per alert, with the sections STYLE.md asks for, and an index. */
class RunbookTests {

	private static final List<String> SECTIONS = List.of("## Meaning", "## Impact", "## Diagnosis", "## Mitigation",
			"## How to reproduce locally");

	@Test
	void everyAlertHasARunbookWithTheRequiredSections() {
		for (String alert : MonitoringStack.alerts().keySet()) {
			Path runbook = RUNBOOKS.resolve(alert + ".md");
			assertThat(runbook).as("runbook for %s", alert).exists();
			String text = MonitoringStack.read(runbook);
			assertThat(text).as("%s title", runbook.getFileName()).startsWith("# " + alert + "\n");
			int previous = -1;
			for (String section : SECTIONS) {
				int at = text.indexOf("\n" + section + "\n");
				assertThat(at).as("%s has section '%s' after the previous one", runbook.getFileName(), section)
					.isGreaterThan(previous);
				previous = at;
			}
			String reproduce = text.substring(text.indexOf("## How to reproduce locally"));
			assertThat(reproduce.contains("```sh") || reproduce.contains("promtool test rules"))
				.as("%s reproduces with a command", runbook.getFileName())
				.isTrue();
		}
	}

	@Test
	void everyRunbookBelongsToAnAlert() {
		Set<String> alerts = MonitoringStack.alerts().keySet();
		Set<String> runbooks = MonitoringStack.files(RUNBOOKS, ".md")
			.stream()
			.map((file) -> file.getFileName().toString())
			.filter((name) -> !name.equals("README.md"))
			.map((name) -> name.substring(0, name.length() - ".md".length()))
			.collect(Collectors.toSet());
		assertThat(runbooks).isEqualTo(alerts);
	}

	@Test
	void theIndexLinksEveryRunbook() {
		String index = MonitoringStack.read(RUNBOOKS.resolve("README.md"));
		MonitoringStack.alerts().keySet().forEach((alert) -> assertThat(index).contains("(" + alert + ".md)"));
	}

}
