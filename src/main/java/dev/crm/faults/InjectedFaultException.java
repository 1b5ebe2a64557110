package dev.crm.faults;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The failure an error fault causes. As an {@link ErrorResponseException} it takes the
 * path of every other error: a problem body with the request ID, a 5xx report to Sentry,
 * and the status in the metrics. Its name tells a reader of Sentry or the logs that the
 * failure was injected.
 */
class InjectedFaultException extends ErrorResponseException {

	InjectedFaultException(int status) {
		super(HttpStatusCode.valueOf(status), ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status),
				"Fault injection is failing this request on purpose."), null);
	}

}
