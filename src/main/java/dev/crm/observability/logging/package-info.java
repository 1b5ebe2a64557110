/**
 * JSON logs on stdout: masking of secrets and personal data, the one access line per
 * request, client address resolution and the dropped-lines metric. It never imports a
 * feature package and never touches metrics or health configuration.
 */
package dev.crm.observability.logging;
