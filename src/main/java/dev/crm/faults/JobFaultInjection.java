package dev.crm.faults;

import dev.crm.jobs.JobRunListener;
import dev.crm.jobs.ScheduledJob;

/** Fails the runs of the scheduled job a job fault names. */
class JobFaultInjection implements JobRunListener {

	private final Faults faults;

	JobFaultInjection(Faults faults) {
		this.faults = faults;
	}

	@Override
	public void starting(ScheduledJob job) {
		JobFault fault = this.faults.job();
		if (fault != null && fault.job().equals(job.name())) {
			throw new InjectedJobFailureException();
		}
	}

	/** Its name tells a reader of the logs that the failure was injected. */
	static class InjectedJobFailureException extends RuntimeException {

		InjectedJobFailureException() {
			super("Fault injection is failing this job on purpose.");
		}

	}

}
