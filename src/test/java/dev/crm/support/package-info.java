/**
 * What tests share: the real PostgreSQL and Redis they run against ({@link TestServices}
 * chooses containers or native processes, in this one place), an HTTP client, log and
 * scrape parsers, and stand-ins for the boundaries we do not own (Sentry, a faulty
 * network). It holds no assertions about the application and never skips a test.
 */
package dev.crm.support;
