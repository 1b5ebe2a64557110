/**
 * Leads: idempotent creation, reads, filtered lists and conversion. Owns the {@code lead}
 * and {@code idempotency_key} tables. Announces changes with {@link LeadsChangedEvent}
 * rather than calling into {@code campaign}, which keeps the dependency one-way.
 */
package dev.crm.lead;
