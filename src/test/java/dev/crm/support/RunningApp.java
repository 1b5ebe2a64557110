package dev.crm.support;

import org.springframework.core.env.Environment;

/**
 * The application under test as its clients reach it: the API and the management server
 * on the random ports the test context started them on. {@link IntegrationTest} registers
 * it, so a test autowires it instead of repeating the port fields and client setup.
 */
public final class RunningApp {

	private final Environment environment;

	private Api api;

	private Api management;

	RunningApp(Environment environment) {
		this.environment = environment;
	}

	/**
	 * The API port. Read on every call: the servers publish their ports only once they
	 * have started, and the test context cache pauses a context it is not using (stopping
	 * its servers) and restarts it, on new random ports, when a test uses it again.
	 */
	public int port() {
		return port("local.server.port");
	}

	public int managementPort() {
		return port("local.management.port");
	}

	public synchronized Api api() {
		int port = port();
		if (this.api == null || this.api.port() != port) {
			this.api = new Api(port);
		}
		return this.api;
	}

	public synchronized Api management() {
		int port = managementPort();
		if (this.management == null || this.management.port() != port) {
			this.management = new Api(port);
		}
		return this.management;
	}

	/** One scrape of {@code /actuator/prometheus} in the Prometheus text format. */
	public PrometheusScrape scrape() {
		return PrometheusScrape.of(management());
	}

	private int port(String property) {
		Integer port = this.environment.getProperty(property, Integer.class);
		if (port == null) {
			throw new IllegalStateException(property + " is not set: the server has not started");
		}
		return port;
	}

}
