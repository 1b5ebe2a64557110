package dev.crm.cost;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The log budget takes a size as people write it, defaults to 1GB and refuses zero, which
 * would make {@code LogVolumeOverBudget} fire for good.
 */
class MonitoringBudgetPropertiesTests {

	@Test
	void theLogBudgetDefaultsToOneGibibyteAndTakesSizes() {
		assertThat(bind(Map.of()).logBytesPerDay().toBytes()).isEqualTo(1024L * 1024 * 1024);
		assertThat(bind(Map.of("crm.monitoring.budget.log-bytes-per-day", "500MB")).logBytesPerDay().toBytes())
			.isEqualTo(500L * 1024 * 1024);
		assertThat(bind(Map.of("crm.monitoring.budget.log-bytes-per-day", "123456")).logBytesPerDay().toBytes())
			.isEqualTo(123456);
	}

	@Test
	void aLogBudgetOfZeroIsRefused() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("crm.monitoring.budget.log-bytes-per-day", "0")))
			.havingRootCause()
			.withMessageContaining("log-bytes-per-day must be positive");
	}

	private static MonitoringBudgetProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("crm.monitoring.budget",
				MonitoringBudgetProperties.class);
	}

}
