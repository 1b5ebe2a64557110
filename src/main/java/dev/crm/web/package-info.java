/**
 * The HTTP contract every feature shares: the paged response shape, the request body
 * limit, and RFC 9457 problem details for every error the service answers. Problem bodies
 * never carry a stack trace, an exception class name, SQL or request data. It may use
 * observability's correlation, logging and error tracking; it never imports a feature.
 */
package dev.crm.web;
