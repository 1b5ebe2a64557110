/**
 * JSON logs on stdout: the one access line per request, client address resolution and the
 * dropped-lines metric. What gets masked is decided in {@code redaction}, never here. It
 * never imports a feature package or {@code web}, and never touches metrics or health
 * configuration.
 */
package dev.crm.observability.logging;
