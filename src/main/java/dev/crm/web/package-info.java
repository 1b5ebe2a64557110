/**
 * HTTP plumbing that every feature shares: the paged response shape and the request body
 * limit. It knows no feature and makes no signals.
 */
package dev.crm.web;
