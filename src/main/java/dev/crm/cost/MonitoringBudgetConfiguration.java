package dev.crm.cost;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The monitoring budgets, as set. {@code crm_monitoring_series_budget}: the series budget
 * per instance, which the alert reads next to Prometheus' {@code scrape_samples_scraped}
 * for the same instance, so changing the budget is a setting of the service, not an edit
 * of the rules.
 */
@Configuration(proxyBeanMethods = false)
class MonitoringBudgetConfiguration {

	@Bean
	Gauge seriesBudget(MeterRegistry registry, MonitoringBudgetProperties budget) {
		return Gauge.builder("crm.monitoring.series.budget", budget, MonitoringBudgetProperties::seriesPerInstance)
			.description("Series one scrape of this instance may return (CRM_MONITORING_BUDGET_SERIES_PER_INSTANCE)")
			.register(registry);
	}

	/**
	 * {@code crm_monitoring_log_budget_bytes_per_day}: read by
	 * {@code LogVolumeOverBudget} next to the instance's own {@code crm_log_bytes_total}.
	 */
	@Bean
	Gauge logBudget(MeterRegistry registry, MonitoringBudgetProperties budget) {
		return Gauge.builder("crm.monitoring.log.budget.bytes.per.day", budget, (set) -> set.logBytesPerDay().toBytes())
			.description("Log bytes this instance may write a day (CRM_MONITORING_BUDGET_LOG_BYTES_PER_DAY)")
			.register(registry);
	}

}
