package dev.crm.observability.metrics;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class TrafficTests {

	@Test
	void classifiesApiProbeActuatorAndOtherPaths() {
		assertThat(Traffic.of("/api/v1/leads/7")).isEqualTo(Traffic.API);
		assertThat(Traffic.of("/api")).isEqualTo(Traffic.API);
		assertThat(Traffic.of("/live")).isEqualTo(Traffic.PROBE);
		assertThat(Traffic.of("/ready")).isEqualTo(Traffic.PROBE);
		assertThat(Traffic.of("/health")).isEqualTo(Traffic.PROBE);
		assertThat(Traffic.of("/actuator/prometheus")).isEqualTo(Traffic.ACTUATOR);
		assertThat(Traffic.of("/")).isEqualTo(Traffic.OTHER);
		assertThat(Traffic.of(null)).isEqualTo(Traffic.OTHER);
	}

	@Test
	void doesNotMistakeLookalikePrefixesForTheApi() {
		assertThat(Traffic.of("/apix")).isEqualTo(Traffic.OTHER);
		assertThat(Traffic.of("/api-docs")).isEqualTo(Traffic.OTHER);
		assertThat(Traffic.of("/live/extra")).isEqualTo(Traffic.OTHER);
		assertThat(Traffic.of("/actuatorx")).isEqualTo(Traffic.OTHER);
	}

	@Test
	void labelsTheRequestPathWithoutTheContextPath() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/crm/api/v1/campaigns");
		request.setContextPath("/crm");
		assertThat(TrafficServerRequestObservationConvention.traffic(request).getValue()).isEqualTo("api");
	}

	@Test
	void labelsARequestMarkedAsRejectedWhateverItsPath() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/campaigns");
		request.setAttribute(Traffic.ATTRIBUTE, Traffic.REJECTED);
		assertThat(TrafficServerRequestObservationConvention.traffic(request).getValue()).isEqualTo("rejected");
	}

	@Test
	void usesLowerCaseLabelValues() {
		assertThat(Traffic.API.value()).isEqualTo("api");
		assertThat(Traffic.LABEL).isEqualTo("traffic");
	}

}
