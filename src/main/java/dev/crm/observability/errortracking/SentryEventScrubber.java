package dev.crm.observability.errortracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.crm.observability.redaction.SensitiveData;
import io.sentry.Breadcrumb;
import io.sentry.SentryEvent;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryException;

/**
 * The last step before an event leaves the process: it strips what may be personal.
 * Request headers, cookies, body and query string are dropped, the user is removed, and
 * secrets and email addresses are masked in every remaining string, exception messages
 * included.
 */
class SentryEventScrubber {

	SentryEvent scrub(SentryEvent event) {
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
