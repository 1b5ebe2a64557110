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
	OTHER,

	/**
	 * Requests the web server refused before routing, whatever their path: malformed or
	 * unsupported HTTP (a bad request line, header or URI, {@code CONNECT}, an unknown
	 * transfer coding or HTTP version). No route saw them, and anyone can send any number
	 * of them, so no SLO counts them, neither as errors nor as requests.
	 */
	REJECTED;

	/** The label name. */
	public static final String LABEL = "traffic";

	/**
	 * The request attribute that, set to a {@code Traffic}, labels the request with it
	 * instead of the kind its path would give: set by whoever answers a request that no
	 * route saw.
	 */
	public static final String ATTRIBUTE = Traffic.class.getName();

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
