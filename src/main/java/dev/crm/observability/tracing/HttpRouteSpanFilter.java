package dev.crm.observability.tracing;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.exporter.SpanFilter;

/**
 * Adds OpenTelemetry's {@code http.route} to exported server spans, copied from the route
 * template that Spring puts in {@code uri}. Tempo and Grafana group and search server
 * spans by {@code http.route}; the metric keeps its {@code uri} label unchanged, because
 * this runs only on spans, at export. Unmatched requests ({@code uri="NOT_FOUND"}) have
 * no route, so they get none.
 */
final class HttpRouteSpanFilter implements SpanFilter {

	static final String ROUTE = "http.route";

	@Override
	public FinishedSpan map(FinishedSpan span) {
		Object uri = span.getTypedTags().get("uri");
		if (span.getKind() != Span.Kind.SERVER || !(uri instanceof String template) || !template.startsWith("/")) {
			return span;
		}
		Map<String, Object> tags = new LinkedHashMap<>(span.getTypedTags());
		tags.put(ROUTE, template);
		return span.setTypedTags(tags);
	}

}
