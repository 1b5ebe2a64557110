/**
 * Tracing where it needs code of its own: {@code http.route} on server spans, and the
 * OpenTelemetry SDK's counts of spans it exported, failed to export or dropped from its
 * queue, bridged to Micrometer so that Prometheus can show a collector outage. Spans
 * themselves, sampling and OTLP export are Spring Boot's, configured in
 * {@code application.yml}. It must not import a feature package or change what the other
 * signals record.
 */
package dev.crm.observability.tracing;
