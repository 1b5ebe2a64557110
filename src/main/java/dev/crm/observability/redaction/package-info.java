/**
 * What counts as a secret or personal data, and how it is masked: the rules
 * ({@code SensitiveData}) and the two log-encoder maskers built on them. Shared by
 * logging and error tracking, so both hide the same things. It imports no other package
 * of this application and makes no signal of its own.
 */
package dev.crm.observability.redaction;
