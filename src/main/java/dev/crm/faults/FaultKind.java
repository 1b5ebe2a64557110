package dev.crm.faults;

/**
 * The faults that can be active at once, each at most once: the {@code crm_faults_active}
 * gauge's {@code kind} and the endpoint's selector.
 */
enum FaultKind {

	/** A share of requests fails with 500 or 503. */
	ERROR,

	/** Requests wait before they are handled. */
	LATENCY,

	/** Every run of one scheduled job fails. */
	JOB;

	String tag() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
