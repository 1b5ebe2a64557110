package dev.crm.faults;

/**
 * Fail every run of one scheduled job, as a failing dependency would.
 *
 * @param job the job's name ({@code dev.crm.jobs.ScheduledJob#name}), one of those
 * registered
 */
record JobFault(String job) {

}
