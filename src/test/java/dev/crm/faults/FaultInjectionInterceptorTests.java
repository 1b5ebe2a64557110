package dev.crm.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Which requests a fault hits, decided with a fixed random draw and a recording sleeper,
 * so that nothing here depends on chance or on the clock.
 */
class FaultInjectionInterceptorTests {

	private static final String LEAD = "/api/v1/leads/{id}";

	private static final String CAMPAIGN = "/api/v1/campaigns/{id}";

	private final Faults faults = new Faults(new SimpleMeterRegistry());

	private final List<Duration> slept = new ArrayList<>();

	@Test
	void noFaultLetsEveryRequestThrough() {
		assertThat(handle(CAMPAIGN, 0.0)).isTrue();
		assertThat(this.slept).isEmpty();
	}

	@Test
	void anErrorFaultFailsTheDrawsBelowItsRatioWithItsStatus() {
		this.faults.set(new ErrorFault(0.3, 503, null));
		assertThatExceptionOfType(InjectedFaultException.class).isThrownBy(() -> handle(CAMPAIGN, 0.29))
			.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(503));
		assertThat(handle(CAMPAIGN, 0.3)).isTrue();
	}

	@Test
	void anErrorFaultOnOneRouteSparesTheOthers() {
		this.faults.set(new ErrorFault(1.0, 500, LEAD));
		assertThatExceptionOfType(InjectedFaultException.class).isThrownBy(() -> handle(LEAD, 0.99));
		assertThat(handle(CAMPAIGN, 0.0)).isTrue();
	}

	@Test
	void aLatencyFaultWaitsTheDelayPlusItsShareOfTheJitter() {
		this.faults.set(new LatencyFault(Duration.ofMillis(900), Duration.ofMillis(200), null));
		handle(CAMPAIGN, 0.5);
		assertThat(this.slept).containsExactly(Duration.ofMillis(1000));
	}

	@Test
	void aLatencyFaultOnOneRouteSparesTheOthers() {
		this.faults.set(new LatencyFault(Duration.ofMillis(500), Duration.ZERO, LEAD));
		handle(CAMPAIGN, 0.0);
		assertThat(this.slept).isEmpty();
		handle(LEAD, 0.0);
		assertThat(this.slept).containsExactly(Duration.ofMillis(500));
	}

	@Test
	void latencyComesBeforeTheFailureItDelays() {
		this.faults.set(new LatencyFault(Duration.ofMillis(100), Duration.ZERO, null));
		this.faults.set(new ErrorFault(1.0, 500, null));
		assertThatExceptionOfType(InjectedFaultException.class).isThrownBy(() -> handle(CAMPAIGN, 0.0));
		assertThat(this.slept).containsExactly(Duration.ofMillis(100));
	}

	@Test
	void aClearedFaultNoLongerApplies() {
		this.faults.set(new ErrorFault(1.0, 500, null));
		this.faults.clear(FaultKind.ERROR);
		assertThat(handle(CAMPAIGN, 0.0)).isTrue();
	}

	@Test
	void faultsOutsideTheirBoundsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ErrorFault(0, 500, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new ErrorFault(1.01, 500, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new ErrorFault(0.5, 404, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new LatencyFault(Duration.ZERO, Duration.ZERO, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LatencyFault(Duration.ofSeconds(11), Duration.ZERO, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LatencyFault(Duration.ofSeconds(1), Duration.ofMillis(-1), null));
	}

	private boolean handle(String route, double draw) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", route.replace("{id}", "1"));
		request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, route);
		FaultInjectionInterceptor interceptor = new FaultInjectionInterceptor(this.faults, () -> draw, this.slept::add);
		return interceptor.preHandle(request, new MockHttpServletResponse(), new Object());
	}

}
