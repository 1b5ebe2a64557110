package dev.crm.jobs;

/**
 * Told before each run of a scheduled job. Throwing fails the run as if its body had
 * thrown: fault injection ({@code dev.crm.faults}) fails a job this way on purpose.
 */
@FunctionalInterface
public interface JobRunListener {

	void starting(ScheduledJob job);

}
