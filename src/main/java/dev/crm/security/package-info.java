/**
 * Who may call the API, and how often. {@code /api/**} is an OAuth2 resource server for
 * JWT bearer tokens ({@code ApiSecurityConfiguration}): the verification key comes from
 * Boot's {@code spring.security.oauth2.resourceserver.jwt.*} settings
 * ({@code TokenVerification}), without which the application refuses to start; RS256 and
 * ES256 only, audience and expiry checked. {@code crm.read} reads, {@code crm.write}
 * writes. Each client has a token bucket, and failed authentications a bucket per source
 * address ({@code RateLimits}). Every refusal (401, 403, 429) is a problem answered by
 * the web layer's problem handling, one security event line named after the OWASP logging
 * vocabulary and a counter labelled by route template at most ({@code SecurityEvents}):
 * never a token, client, subject or address as a label. Probes and the management port
 * are not behind it.
 */
package dev.crm.security;
