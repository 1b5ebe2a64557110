package dev.crm.cost;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What monitoring crm-api may cost.
 *
 * @param seriesPerInstance the samples one scrape of one instance may return (each a
 * series Prometheus stores and bills by); above it, {@code MetricSeriesOverBudget} makes
 * a ticket. The default leaves room over today's ~1,100 for a few new routes and metrics,
 * not for an unbounded label.
 * @param logBytesPerDay the log bytes one instance may write a day (what a log store
 * ingests and bills by); a pace above it for an hour makes {@code LogVolumeOverBudget} a
 * ticket. The default, 1GB, is about 2.4 million lines of ~450 bytes: an access line for
 * every request at 28 requests a second all day, with room for the service's other lines.
 */
@Validated
@ConfigurationProperties("crm.monitoring.budget")
public record MonitoringBudgetProperties(@Positive @DefaultValue("2500") long seriesPerInstance,
		@DefaultValue("1GB") DataSize logBytesPerDay) {

	// A DataSize takes no @Positive; a budget of zero would make the alert fire for good.
	public MonitoringBudgetProperties {
		if (logBytesPerDay.toBytes() <= 0) {
			throw new IllegalArgumentException("crm.monitoring.budget.log-bytes-per-day must be positive");
		}
	}

}
