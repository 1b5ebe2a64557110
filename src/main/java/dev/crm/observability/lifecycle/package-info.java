/**
 * The service's lifecycle on shutdown: after SIGTERM it keeps serving for
 * {@code crm.lifecycle.shutdown-delay} with readiness refusing traffic, then hands over
 * to Boot's graceful shutdown. Owns no signal handling of its own and never exits the
 * JVM; imports no feature and no other observability package. Health belongs to
 * {@code observability.health}.
 */
package dev.crm.observability.lifecycle;
