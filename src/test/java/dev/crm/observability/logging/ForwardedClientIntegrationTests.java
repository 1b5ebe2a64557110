package dev.crm.observability.logging;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.LogLines;
import dev.crm.support.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Behind a trusted proxy (here the test itself, on loopback, named in
 * {@code server.tomcat.remoteip.internal-proxies}), the access line's client is the
 * address the proxy forwarded, as Tomcat's RemoteIpValve settles it; a forwarded value
 * that is not an IP literal never reaches the line.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "server.tomcat.remoteip.internal-proxies=127.0.0.1/32, ::1/128")
class ForwardedClientIntegrationTests {

	@Autowired
	RunningApp app;

	@Test
	void theClientIsTheAddressATrustedProxyForwarded(CapturedOutput output) {
		assertThat(clientLogged(output, "203.0.113.7")).isEqualTo("203.0.113.7");
		assertThat(clientLogged(output, "198.51.100.23, 127.0.0.1")).isEqualTo("198.51.100.23");
	}

	@Test
	void aForwardedValueThatIsNoAddressIsNeverLogged(CapturedOutput output) {
		String hostile = "abc${jndi:ldap://127.0.0.1/a} user@example.com";

		String client = clientLogged(output, hostile);

		assertThat(client).isEqualTo("UNKNOWN");
		assertThat(output.getOut()).doesNotContain("jndi", "user@example.com");
	}

	private String clientLogged(CapturedOutput output, String forwardedFor) {
		Api api = this.app.api();
		String requestId = "fwd-" + UUID.randomUUID();
		Api.Response response = api.send(HttpRequest.newBuilder(api.uri("/api/v1/campaigns?page=0&size=1")).GET(),
				Map.of("X-Request-ID", requestId, "X-Forwarded-For", forwardedFor));
		assertThat(response.status()).isEqualTo(200);
		JsonNode line = await().atMost(Duration.ofSeconds(20))
			.until(() -> accessLines(output, requestId), (lines) -> !lines.isEmpty())
			.get(0);
		return LogLines.text(line, "client");
	}

	private static List<JsonNode> accessLines(CapturedOutput output, String requestId) {
		return LogLines.parse(output.getOut())
			.stream()
			.filter((line) -> AccessLog.LOGGER_NAME.equals(LogLines.text(line, "logger"))
					&& requestId.equals(LogLines.text(line, "request_id")))
			.toList();
	}

}
