/**
 * JSON logs on stdout: the one access line per request ({@code AccessLog}, written by its
 * filter or, for a request Tomcat rejects, by {@code web}'s error report), client address
 * resolution and the dropped-lines metric. What gets masked is decided in
 * {@code redaction}, never here. Its filter's place in the chain is declared in
 * {@code web}. It never imports a feature package or {@code web}, and never touches
 * metrics or health configuration.
 */
package dev.crm.observability.logging;
