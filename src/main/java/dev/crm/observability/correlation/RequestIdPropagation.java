package dev.crm.observability.correlation;

import java.io.IOException;

import org.slf4j.MDC;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Passes the current request's ID on to outbound calls, unless the caller set one. The
 * {@code traceparent} header comes from the observation that Boot adds to every
 * {@code RestClient.Builder}.
 */
public class RequestIdPropagation implements ClientHttpRequestInterceptor {

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String requestId = MDC.get(RequestId.MDC_KEY);
		if (requestId != null && !request.getHeaders().containsHeader(RequestId.HEADER)) {
			request.getHeaders().set(RequestId.HEADER, requestId);
		}
		return execution.execute(request, body);
	}

}
