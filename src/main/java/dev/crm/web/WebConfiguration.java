package dev.crm.web;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.util.function.SingletonSupplier;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	/**
	 * The web server is created early in the refresh; the valve resolves what it records
	 * with on its first rejected request, once the registry has all its handlers.
	 */
	@Bean
	ProblemErrorReportCustomizer problemErrorReportCustomizer(ObjectProvider<ObservationRegistry> observations,
			ObjectProvider<ServerRequestObservationConvention> convention) {
		return new ProblemErrorReportCustomizer(new ProblemErrorReportValve(
				SingletonSupplier.of(observations::getObject), SingletonSupplier.of(convention::getObject)));
	}

	/** The API server's connector answers every request line as HTTP/1.x. */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> http11OnlyProtocolCustomizer() {
		return (factory) -> factory.setProtocol(Http11OnlyProtocol.class.getName());
	}

}
