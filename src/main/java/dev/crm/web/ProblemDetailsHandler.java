package dev.crm.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.crm.observability.errortracking.ServerErrorReporter;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.ErrorResponse;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception that reaches Spring MVC into a problem response. Spring's base
 * class covers the framework's 4xx cases (405, 415, 404 for unknown paths); this class
 * adds field errors, the body limit, dependency outages and the generic 500.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemDetailsHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsHandler.class);

	/** Seconds a client should wait before retrying after a dependency outage. */
	private static final String RETRY_AFTER_SECONDS = "5";

	private final ServerErrorReporter reporter;

	ProblemDetailsHandler(ServerErrorReporter reporter) {
		this.reporter = reporter;
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.add(fieldError(error.getField(), error.getDefaultMessage()));
		}
		ProblemDetail problem = badRequest("The request body has invalid fields.", errors);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach((result) -> {
			String name = result.getMethodParameter().getParameterName();
			for (MessageSourceResolvable error : result.getResolvableErrors()) {
				errors.add(fieldError(name, error.getDefaultMessage()));
			}
		});
		ProblemDetail problem = badRequest("The request has invalid parameters.", errors);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		RequestBodyTooLargeException tooLarge = findCause(ex, RequestBodyTooLargeException.class);
		if (tooLarge != null) {
			return bodyTooLarge(tooLarge, request);
		}
		ProblemDetail problem = describeUnreadableBody(ex);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler(RequestBodyTooLargeException.class)
	ResponseEntity<Object> bodyTooLarge(RequestBodyTooLargeException ex, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"The request body exceeds the limit of " + ex.limitBytes() + " bytes.");
		// The rest of the body is unread: close the connection rather than drain it.
		HttpHeaders headers = new HttpHeaders();
		headers.setConnection("close");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
	}

	/**
	 * An {@code Accept} header that does not parse is the client's error (400); one that
	 * parses but names nothing we produce is a 406. Either way the answer is a problem
	 * ({@link #createResponseEntity}).
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (!acceptParses(request)) {
			ProblemDetail problem = badRequest("The Accept header is not a valid list of media types.",
					List.of(fieldError(HttpHeaders.ACCEPT, "is not a valid media type list")));
			return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_ACCEPTABLE,
				"Acceptable representations: " + ex.getSupportedMediaTypes() + ".");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.NOT_ACCEPTABLE, request);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex, WebRequest request) {
		Class<?> type = ex.getRequiredType();
		String message = DecimalIds.isDecimal(type)
				? "must be a decimal number: digits 0-9 only, without sign or leading zero"
				: (type != null && type.isEnum()) ? "must be one of " + List.of(type.getEnumConstants())
						: "has the wrong type";
		ProblemDetail problem = badRequest("The request has invalid parameters.",
				List.of(fieldError(ex.getName(), message)));
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * Tomcat parses the query string (or form body) on first read of a parameter, and
	 * throws on one it cannot decode ({@code ?%zz=1}, {@code ?&&=&}): the client's error
	 * (400, or 413 for too many parameters), never the server's.
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Object> undecodableParameters(InvalidParameterException ex, WebRequest request) {
		HttpStatus status = HttpStatus.resolve(ex.getErrorCode());
		if (status == null || !status.is4xxClientError()) {
			status = HttpStatus.BAD_REQUEST;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				"The query string cannot be decoded as parameters.");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), status, request);
	}

	/**
	 * PostgreSQL is unreachable or too slow: tell the client to retry, not that it erred.
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
			QueryTimeoutException.class })
	ResponseEntity<Object> dependencyUnavailable(Exception ex, WebRequest request) {
		log.warn("Database unavailable: {}", ex.getClass().getSimpleName());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The service is temporarily unavailable. Retry later.");
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
		log.error("Unhandled exception", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"An unexpected error occurred.");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	/**
	 * Every handled exception passes here and is handed to the reporter, which reports a
	 * 5xx (and only a 5xx); the body then carries the event ID.
	 */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (request instanceof ServletWebRequest servlet) {
			Optional<String> eventId = this.reporter.report(ex, statusCode.value(), servlet.getRequest());
			ProblemDetail problem = (body instanceof ProblemDetail detail) ? detail
					: (ex instanceof ErrorResponse response) ? response.getBody() : null;
			if (problem != null) {
				ProblemResponses.linkEvent(problem, eventId);
			}
		}
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
	}

	/**
	 * Every problem passes here, so every body gets the request ID. Its content type is
	 * set rather than negotiated: a problem is {@code application/problem+json} whatever
	 * the {@code Accept} header says, even when that header does not parse.
	 */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail problem) {
			ProblemResponses.withRequestId(problem);
			HttpHeaders problemHeaders = new HttpHeaders();
			problemHeaders.putAll(headers);
			problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			return super.createResponseEntity(body, problemHeaders, statusCode, request);
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private static ProblemDetail describeUnreadableBody(HttpMessageNotReadableException ex) {
		if (findCause(ex, StrictUtf8Bodies.MalformedUtf8Exception.class) != null) {
			return badRequest("The request body is not well-formed UTF-8.", List.of());
		}
		// Name the field and what was wrong, never the value: it may be personal.
		StrictJsonModule.UnstorableTextException unstorable = findCause(ex,
				StrictJsonModule.UnstorableTextException.class);
		if (unstorable != null) {
			return badRequest("The request body has invalid fields.",
					List.of(fieldError(path(unstorable), "must not contain NUL or an unpaired surrogate")));
		}
		InvalidFormatException invalid = findCause(ex, InvalidFormatException.class);
		if (invalid != null) {
			String message = (invalid.getTargetType() != null && invalid.getTargetType().isEnum())
					? "must be one of " + List.of(invalid.getTargetType().getEnumConstants()) : "has the wrong type";
			return badRequest("The request body has invalid fields.", List.of(fieldError(path(invalid), message)));
		}
		MismatchedInputException mismatch = findCause(ex, MismatchedInputException.class);
		if (mismatch != null && !mismatch.getPath().isEmpty()) {
			return badRequest("The request body has invalid fields.",
					List.of(fieldError(path(mismatch), "has the wrong type")));
		}
		InputCoercionException outOfRange = findCause(ex, InputCoercionException.class);
		if (outOfRange != null && !outOfRange.getPath().isEmpty()) {
			return badRequest("The request body has invalid fields.",
					List.of(fieldError(path(outOfRange), "is out of range")));
		}
		return badRequest("The request body is missing or is not valid JSON.", List.of());
	}

	private static boolean acceptParses(WebRequest request) {
		String[] values = request.getHeaderValues(HttpHeaders.ACCEPT);
		try {
			if (values != null) {
				for (String value : values) {
					MediaType.parseMediaTypes(value);
				}
			}
			return true;
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static ProblemDetail badRequest(String detail, List<Map<String, String>> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		if (!errors.isEmpty()) {
			problem.setProperty("errors", errors);
		}
		return problem;
	}

	private static Map<String, String> fieldError(String field, String message) {
		return Map.of("field", field, "message", (message != null) ? message : "is invalid");
	}

	private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
