/**
 * Tests of bearer authentication, scopes, rate limits and security signals.
 */
package dev.crm.security;
