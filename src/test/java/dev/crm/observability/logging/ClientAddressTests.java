package dev.crm.observability.logging;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientAddressTests {

	private final ClientAddress clientAddress = new ClientAddress(List.of("10.0.0.0/8", "192.168.1.5"));

	@Test
	void ignoresForwardedForFromUntrustedPeer() {
		assertThat(this.clientAddress.resolve(request("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
	}

	@Test
	void believesForwardedForFromTrustedProxy() {
		assertThat(this.clientAddress.resolve(request("10.1.2.3", "198.51.100.1"))).isEqualTo("198.51.100.1");
	}

	@Test
	void takesRightmostUntrustedHopSoClientsCannotSpoofTheirAddress() {
		// The client claims to be 1.2.3.4; our proxies saw 198.51.100.1 connect.
		assertThat(this.clientAddress.resolve(request("10.1.2.3", "1.2.3.4, 198.51.100.1, 192.168.1.5")))
			.isEqualTo("198.51.100.1");
	}

	@Test
	void stopsAtAnythingThatIsNotAnIpLiteral() {
		assertThat(this.clientAddress.resolve(request("10.1.2.3", "evil\"\r\n, not-an-ip"))).isEqualTo("10.1.2.3");
	}

	@Test
	void withoutTrustedProxiesThePeerIsTheClient() {
		assertThat(new ClientAddress(List.of()).resolve(request("10.1.2.3", "198.51.100.1"))).isEqualTo("10.1.2.3");
	}

	@Test
	void rejectsMisconfiguredProxyAtStartup() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddress(List.of("proxy.example")));
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33")));
	}

	private static MockHttpServletRequest request(String peer, String forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(peer);
		request.addHeader("X-Forwarded-For", forwardedFor);
		return request;
	}

}
