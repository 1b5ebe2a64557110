package dev.crm.web;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Puts {@link ProblemErrorReportValve} on the API server's host in place of Tomcat's HTML
 * error report. The management server keeps Tomcat's: it is never public and its clients
 * are Prometheus and probes.
 */
class ProblemErrorReportCustomizer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	private final ProblemErrorReportValve valve;

	ProblemErrorReportCustomizer(ProblemErrorReportValve valve) {
		this.valve = valve;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addContextCustomizers((context) -> {
			Host host = (Host) context.getParent();
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					host.getPipeline().removeValve(valve);
				}
			}
			// Tomcat adds a report valve of this class on start unless one is there.
			((StandardHost) host).setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			host.getPipeline().addValve(this.valve);
		});
	}

	/**
	 * After Boot's Tomcat customizer (order 0), which adds the HTML report valve that
	 * this one replaces.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
