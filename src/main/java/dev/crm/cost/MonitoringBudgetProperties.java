package dev.crm.cost;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What monitoring crm-api may cost.
 *
 * @param seriesPerInstance the samples one scrape of one instance may return (each a
 * series Prometheus stores and bills by); above it, {@code MetricSeriesOverBudget} makes
 * a ticket. The default leaves room over today's ~1,100 for a few new routes and metrics,
 * not for an unbounded label.
 */
@Validated
@ConfigurationProperties("crm.monitoring.budget")
public record MonitoringBudgetProperties(@Positive @DefaultValue("2500") long seriesPerInstance) {
}
