/**
 * Tests of scheduled-job monitoring: runs, timestamps and check-ins.
 */
package dev.crm.jobs;
