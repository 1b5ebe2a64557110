/**
 * Metrics and traces: the HTTP server metric's traffic label, help texts, timings of
 * repository calls and the instrumentation switch. It must not import a feature package;
 * features record their own business metrics through Micrometer's public API.
 */
package dev.crm.observability.metrics;
