package dev.crm.web;

import dev.crm.observability.errortracking.ServerErrorReporter;
import jakarta.servlet.DispatcherType;
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
 * Answers the errors that reach the application without passing a controller (an
 * exception escaping a filter, a {@code sendError}, a path Tomcat refuses to serve) with
 * a problem body too, in place of Boot's default error JSON, which would include the
 * exception class when configured to. The error path requested directly is not found.
 */
@RestController
class ProblemErrorController implements ErrorController {

	private final ServerErrorReporter reporter;

	ProblemErrorController(ServerErrorReporter reporter) {
		this.reporter = reporter;
	}

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		// Requested directly, the error path is a path like any unknown one: there is no
		// error to report, and the answer must not say there was one.
		HttpStatus status = (request.getDispatcherType() == DispatcherType.ERROR) ? resolveStatus(request)
				: HttpStatus.NOT_FOUND;
		ProblemDetail problem = ProblemResponses.withRequestId(ProblemDetail.forStatus(status));
		// The path that failed, not the error path this dispatch is mapped to.
		if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
			problem.setInstance(ProblemResponses.instance(path));
		}
		Throwable error = (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable ex) ? ex : null;
		ProblemResponses.linkEvent(problem, this.reporter.report(error, status.value(), request));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static HttpStatus resolveStatus(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		return (status != null && status.isError()) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
