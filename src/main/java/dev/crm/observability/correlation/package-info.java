/**
 * The request ID: accepted or generated at the edge, put in MDC and the response header,
 * and passed on to outbound HTTP calls. Its filter's place in the chain is declared in
 * {@code web}, which this package never imports; it never imports a feature package.
 */
package dev.crm.observability.correlation;
