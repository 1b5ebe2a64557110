package dev.crm.observability.errortracking;

import java.util.Optional;

import dev.crm.observability.RouteTemplate;
import dev.crm.observability.correlation.RequestId;
import io.sentry.IScope;
import io.sentry.IScopes;
import io.sentry.ScopeCallback;
import io.sentry.SentryLevel;
import io.sentry.protocol.SentryId;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;

/**
 * Captures 5xx answers in Sentry, tagged so that the event, the log lines and the trace
 * of a request share IDs: {@code request_id}, {@code trace_id} (the OpenTelemetry one,
 * not Sentry's), {@code route} and {@code status}.
 */
class SentryServerErrorReporter implements ServerErrorReporter {

	private final IScopes scopes;

	SentryServerErrorReporter(IScopes scopes) {
		this.scopes = scopes;
	}

	@Override
	public Optional<String> report(Throwable error, int status, HttpServletRequest request) {
		if (status < 500) {
			return Optional.empty();
		}
		String route = RouteTemplate.of(request, status);
		ScopeCallback tags = (scope) -> {
			tag(scope, RequestId.MDC_KEY, MDC.get(RequestId.MDC_KEY));
			tag(scope, "trace_id", MDC.get("traceId"));
			tag(scope, "route", route);
			tag(scope, "status", Integer.toString(status));
		};
		SentryId id = (error != null) ? this.scopes.captureException(error, tags)
				: this.scopes.captureMessage("HTTP " + status + " answered for " + route, SentryLevel.ERROR, tags);
		return SentryId.EMPTY_ID.equals(id) ? Optional.empty() : Optional.of(id.toString());
	}

	private static void tag(IScope scope, String name, String value) {
		if (value != null) {
			scope.setTag(name, value);
		}
	}

}
