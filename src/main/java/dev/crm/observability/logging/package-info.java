/**
 * JSON logs on stdout: the one access line per request ({@code AccessLog}, a handler of
 * the HTTP server observation, whether Spring's filter or {@code web}'s error report
 * valve made it), the dropped-lines metric and the log volume (lines and bytes by logger
 * group and level). What gets masked is decided in {@code redaction}, never here. It
 * never imports a feature package or {@code web}, and never touches metrics or health
 * configuration.
 */
package dev.crm.observability.logging;
