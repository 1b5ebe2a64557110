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

	/** The API port; the servers publish their ports only once they have started. */
	public int port() {
		return port("local.server.port");
	}

	public int managementPort() {
		return port("local.management.port");
	}

	public synchronized Api api() {
		if (this.api == null) {
			this.api = new Api(port());
		}
		return this.api;
	}

	public synchronized Api management() {
		if (this.management == null) {
			this.management = new Api(managementPort());
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
