package dev.crm.web;

import java.util.Arrays;
import java.util.List;

import dev.crm.support.IntegrationTest;
import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Host;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter chain and the error report of the running API server are the ones
 * {@link WebFilters} and {@link ProblemErrorReportCustomizer} declare.
 */
@IntegrationTest
class WebFiltersIntegrationTests {

	@Autowired
	ServletWebServerApplicationContext context;

	@Test
	void filtersRunInTheDeclaredOrder() {
		List<String> chain = Arrays.stream(apiContext().findFilterMaps()).map(FilterMap::getFilterName).toList();

		assertThat(chain).containsExactly("requestIdFilter", "characterEncodingFilter", "webMvcObservationFilter",
				"formContentFilter", "requestContextFilter", "springSecurityFilterChain", "requestBodyLimitFilter",
				"Tomcat WebSocket (JSR356) Filter");
	}

	@Test
	void problemReportIsTheHostsOnlyErrorReport() {
		Host host = (Host) apiContext().getParent();

		assertThat(host.getPipeline().getValves()).filteredOn(ErrorReportValve.class::isInstance)
			.singleElement()
			.isInstanceOf(ProblemErrorReportValve.class);
	}

	private Context apiContext() {
		Host host = ((TomcatWebServer) this.context.getWebServer()).getTomcat().getHost();
		Container[] contexts = host.findChildren();
		assertThat(contexts).hasSize(1);
		return (Context) contexts[0];
	}

}
