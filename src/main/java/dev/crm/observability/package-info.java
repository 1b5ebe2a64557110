/**
 * Everything that makes signals, one sub-package per concern. Never imports a feature
 * package; features reach it only through Spring and Micrometer's public APIs.
 */
package dev.crm.observability;
