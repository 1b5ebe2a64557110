/**
 * Fault injection for load tests, runbook drills and the end-to-end suite: an error ratio
 * and added latency for API requests, set and cleared at run time on the management port.
 * Off unless the {@code faults} profile (or {@code crm.faults.enabled=true}) is active;
 * while off, none of its beans exist. Like a feature, it never imports
 * {@code observability} internals, and nothing imports it.
 */
package dev.crm.faults;
