/**
 * The request ID: accepted or generated at the edge, put in MDC and the response header,
 * and passed on to outbound HTTP calls. It never imports a feature package.
 */
package dev.crm.observability.correlation;
