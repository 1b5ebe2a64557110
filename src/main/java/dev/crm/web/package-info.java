/**
 * The HTTP contract every feature shares: the paged response shape, the request body
 * limit, strict input (JSON without coercion and with storable text only,
 * {@code StrictJsonModule}; plain decimal numbers in paths and queries,
 * {@code DecimalIds}; {@code PlainText} for names), the order of every servlet filter
 * ({@code WebFilters}), and RFC 9457 problem details for every error the service answers,
 * requests Tomcat rejects before any filter runs included
 * ({@code ProblemErrorReportValve}; {@code Http11OnlyProtocol} makes a request line
 * without a version one of them). Problem bodies never carry a stack trace, an exception
 * class name, SQL or request data. It may use observability's correlation, logging and
 * error tracking, which never import it; it never imports a feature and never names a
 * Sentry type.
 */
package dev.crm.web;
