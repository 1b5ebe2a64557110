/**
 * Tests of the monitoring budgets: their settings and the gauges that export them.
 */
package dev.crm.cost;
