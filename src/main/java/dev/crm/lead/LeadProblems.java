package dev.crm.lead;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The lead feature's 4xx answers. Details never echo an email or a key. */
final class LeadProblems {

	private LeadProblems() {
	}

	static ErrorResponseException notFound(long leadId) {
		return problem(HttpStatus.NOT_FOUND, "Lead " + leadId + " does not exist.");
	}

	static ErrorResponseException duplicateEmail(long campaignId) {
		return problem(HttpStatus.CONFLICT, "Campaign " + campaignId + " already has a lead with this email.");
	}

	static ErrorResponseException alreadyConverted(long leadId) {
		return problem(HttpStatus.CONFLICT, "Lead " + leadId + " is already converted.");
	}

	static ErrorResponseException idempotencyKeyReused() {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT,
				"This Idempotency-Key was already used with a different request body.");
	}

	static ErrorResponseException invalidIdempotencyKey() {
		return problem(HttpStatus.BAD_REQUEST, "Idempotency-Key must be 1 to 255 printable ASCII characters.");
	}

	private static ErrorResponseException problem(HttpStatus status, String detail) {
		return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
	}

}
