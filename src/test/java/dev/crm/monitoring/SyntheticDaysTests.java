package dev.crm.monitoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static dev.crm.monitoring.MonitoringStack.PROMETHEUS;
import static dev.crm.monitoring.MonitoringStack.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * prometheus/tests/synthetic_days_test.yml is what {@link SyntheticDays} writes, and it
 * asks of the rules what the issue asks: a traffic anomaly caught within 10 minutes, an
 * exhaustion predicted at least an hour ahead. promtool runs the file with the other rule
 * tests ({@code PrometheusRulesTests#ruleUnitTestsPass}).
 */
class SyntheticDaysTests {

	private static final Path TEST = PROMETHEUS.resolve("tests/synthetic_days_test.yml");

	private static final Path GENERATED = ROOT.resolve("target/generated-rules/synthetic_days_test.yml");

	@Test
	void checkedInTestIsWhatTheGeneratorWrites() throws IOException {
		String generated = SyntheticDays.generate();
		Files.createDirectories(GENERATED.getParent());
		Files.writeString(GENERATED, generated);
		if (Boolean.getBoolean("synthetic.write")) {
			Files.writeString(TEST, generated);
		}
		// Compared as a boolean: the file has 8 days of samples, too long for a diff
		// message.
		assertThat(MonitoringStack.read(TEST).equals(generated))
			.as("prometheus/tests/synthetic_days_test.yml differs from what SyntheticDays writes now (see `diff %s"
					+ " target/generated-rules/synthetic_days_test.yml`). Regenerate it with: %s",
					ROOT.relativize(TEST), SyntheticDays.REGENERATE)
			.isTrue();
	}

	@Test
	void anomaliesAreCaughtWithinTenMinutes() {
		assertThat(SyntheticDays.EXPECTED).filteredOn((expected) -> expected.alert().endsWith("Anomaly"))
			.hasSize(2)
			.allSatisfy(
					(expected) -> assertThat(expected.firesAt() - expected.incident().start()).as(expected.comment())
						.isBetween(1, 10));
	}

	@Test
	void exhaustionIsPredictedAtLeastAnHourAhead() {
		assertThat(SyntheticDays.EXPECTED).filteredOn((expected) -> expected.alert().endsWith("ExhaustionPredicted"))
			.hasSize(3)
			.allSatisfy((expected) -> assertThat(expected.incident().end() - expected.firesAt()).as(expected.comment())
				.isGreaterThanOrEqualTo(SyntheticDays.HOUR));
	}

	@Test
	void theIncidentsComeAfterTheSevenCleanDays() {
		assertThat(SyntheticDays.EXPECTED).allSatisfy((expected) -> {
			assertThat(expected.incident().start()).isGreaterThan(SyntheticDays.CLEAN_UNTIL);
			assertThat(expected.resolvedAt()).isLessThanOrEqualTo(SyntheticDays.MINUTES);
		});
	}

}
