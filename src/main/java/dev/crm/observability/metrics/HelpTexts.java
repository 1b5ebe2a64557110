package dev.crm.observability.metrics;

import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Gives the meters that Observations create a description, which Prometheus shows as
 * {@code # HELP}. Without one, {@code promtool check metrics} reports "no help text".
 */
class HelpTexts implements MeterFilter {

	static final Map<String, String> DESCRIPTIONS = Map.of("http.server.requests",
			"Duration of HTTP server requests by route template (uri), method, status, outcome, exception and traffic (api, probe, actuator, other)",
			"http.server.requests.active", "HTTP server requests in flight", "lettuce",
			"Duration of Redis commands by command (db_operation) and error", "lettuce.active",
			"Redis commands in flight", "tasks.scheduled.execution",
			"Duration of @Scheduled background tasks (such as the active campaigns refresh) by code.function and outcome",
			"tasks.scheduled.execution.active", "@Scheduled background tasks running");

	@Override
	public Meter.Id map(Meter.Id id) {
		String description = DESCRIPTIONS.get(id.getName());
		if (description == null || id.getDescription() != null) {
			return id;
		}
		return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description, id.getType());
	}

}
