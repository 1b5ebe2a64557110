package dev.crm.observability.metrics;

import java.util.Locale;

/**
 * What kind of traffic an HTTP request is: the {@code traffic} label of
 * {@code http_server_requests_seconds}. A closed set, so that SLO rules can select
 * {@code traffic="api"} and no request can add a label value.
 */
public enum Traffic {

	/** The product API, {@code /api/**}. The only traffic the SLOs count. */
	API,

	/**
	 * Load balancer and Kubernetes probes: {@code /live}, {@code /ready},
	 * {@code /health}.
	 */
	PROBE,

	/** Actuator endpoints, {@code /actuator/**}, on either port. */
	ACTUATOR,

	/** Everything else, including unknown paths outside {@code /api}. */
	OTHER;

	/** The label name. */
	public static final String LABEL = "traffic";

	/* Computed once: the label is read on every request. */
	private final String value = name().toLowerCase(Locale.ROOT);

	/**
	 * Classifies a request path (without the context path).
	 * @param path the path, may be {@code null}
	 * @return the traffic kind, never {@code null}
	 */
	public static Traffic of(String path) {
		if (path == null) {
			return OTHER;
		}
		if (isUnder(path, "/api")) {
			return API;
		}
		if (isUnder(path, "/actuator")) {
			return ACTUATOR;
		}
		if (path.equals("/live") || path.equals("/ready") || path.equals("/health")) {
			return PROBE;
		}
		return OTHER;
	}

	private static boolean isUnder(String path, String prefix) {
		return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
	}

	/** The label value: the lower-case name. */
	public String value() {
		return this.value;
	}

}
