package dev.crm.cost;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code crm_monitoring_series_budget}: the series budget per instance, as set. The alert
 * reads it next to Prometheus' {@code scrape_samples_scraped} for the same instance, so
 * changing the budget is a setting of the service, not an edit of the rules.
 */
@Configuration(proxyBeanMethods = false)
class MonitoringBudgetConfiguration {

	@Bean
	Gauge seriesBudget(MeterRegistry registry, MonitoringBudgetProperties budget) {
		return Gauge.builder("crm.monitoring.series.budget", budget, MonitoringBudgetProperties::seriesPerInstance)
			.description("Series one scrape of this instance may return (CRM_MONITORING_BUDGET_SERIES_PER_INSTANCE)")
			.register(registry);
	}

}
