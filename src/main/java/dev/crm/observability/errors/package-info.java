/**
 * RFC 9457 problem responses for every error. Bodies never carry a stack trace, an
 * exception class name, SQL or request data.
 */
package dev.crm.observability.errors;
