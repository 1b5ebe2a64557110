package dev.crm.observability.errors;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors that never reached a controller (filters, the container) with a problem
 * body too, in place of Boot's default error JSON, which would include the exception
 * class when configured to.
 */
@RestController
class ProblemErrorController implements ErrorController {

	private final ServerErrorReporter reporter;

	ProblemErrorController(ServerErrorReporter reporter) {
		this.reporter = reporter;
	}

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		HttpStatus status = resolveStatus(request);
		ProblemDetail problem = ProblemResponses.withRequestId(ProblemDetail.forStatus(status));
		if (status.is5xxServerError()) {
			Throwable error = (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable ex) ? ex
					: null;
			this.reporter.reportAndLink(problem, error, status.value(), request);
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static HttpStatus resolveStatus(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		return (status != null && status.isError()) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
