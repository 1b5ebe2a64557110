package dev.crm.observability.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.crm.observability.redaction.SensitiveData;
import io.sentry.Breadcrumb;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryException;

import org.springframework.web.ErrorResponse;

/**
 * The last step before an event leaves the process. It withholds client errors, which are
 * not ours to fix, and strips what may be personal: request headers, cookies, body and
 * query string are dropped, the user is removed, and secrets and email addresses are
 * masked in every remaining string, exception messages included.
 */
class SentryEventScrubber implements SentryOptions.BeforeSendCallback {

	private final SentryEventMetrics metrics;

	SentryEventScrubber(SentryEventMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	public SentryEvent execute(SentryEvent event, Hint hint) {
		if (isClientError(event)) {
			this.metrics.filtered();
			return null;
		}
		scrubRequest(event.getRequest());
		event.setUser(null);
		scrubMessage(event.getMessage());
		if (event.getExceptions() != null) {
			for (SentryException exception : event.getExceptions()) {
				exception.setValue(SensitiveData.mask(exception.getValue()));
			}
		}
		if (event.getTags() != null) {
			event.getTags().replaceAll((name, value) -> SensitiveData.mask(value));
		}
		if (event.getExtras() != null) {
			event.getExtras().replaceAll((name, value) -> scrubValue(name, value));
		}
		if (event.getBreadcrumbs() != null) {
			for (Breadcrumb breadcrumb : event.getBreadcrumbs()) {
				breadcrumb.setMessage(SensitiveData.mask(breadcrumb.getMessage()));
				breadcrumb.getData().replaceAll((name, value) -> scrubValue(name, value));
			}
		}
		return event;
	}

	/** A 4xx that reached Sentry by any path other than ours is withheld. */
	private static boolean isClientError(SentryEvent event) {
		String status = (event.getTags() != null) ? event.getTags().get(SentryServerErrorReporter.STATUS_TAG) : null;
		if (status != null && status.length() == 3 && status.charAt(0) == '4') {
			return true;
		}
		return event.getThrowable() instanceof ErrorResponse response && response.getStatusCode().is4xxClientError();
	}

	private static void scrubRequest(Request request) {
		if (request == null) {
			return;
		}
		request.setHeaders(null);
		request.setCookies(null);
		request.setData(null);
		request.setQueryString(null);
		request.setFragment(null);
		request.setEnvs(null);
		request.setOthers(null);
		String url = request.getUrl();
		if (url != null) {
			int query = url.indexOf('?');
			request.setUrl(SensitiveData.mask((query < 0) ? url : url.substring(0, query)));
		}
	}

	private static void scrubMessage(Message message) {
		if (message == null) {
			return;
		}
		message.setMessage(SensitiveData.mask(message.getMessage()));
		message.setFormatted(SensitiveData.mask(message.getFormatted()));
		if (message.getParams() != null) {
			List<String> params = new ArrayList<>();
			message.getParams().forEach((param) -> params.add(SensitiveData.mask(param)));
			message.setParams(params);
		}
	}

	private static Object scrubValue(String name, Object value) {
		if (SensitiveData.isSensitiveName(name)) {
			return SensitiveData.MASK;
		}
		if (value instanceof String text) {
			return SensitiveData.mask(text);
		}
		if (value instanceof Map<?, ?> || value instanceof Iterable<?>) {
			return SensitiveData.mask(String.valueOf(value));
		}
		return value;
	}

}
