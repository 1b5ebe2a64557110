package dev.crm.observability.redaction;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class SensitiveDataTests {

	@Test
	void masksEmailAddressesAnywhereInText() {
		assertThat(SensitiveData.mask("lead ada.lovelace+crm@example.co.uk converted"))
			.isEqualTo("lead **** converted");
	}

	@Test
	void masksBearerTokens() {
		assertThat(SensitiveData.mask("sent Bearer eyJhbGciOi.J9.sig to upstream"))
			.isEqualTo("sent Bearer **** to upstream");
	}

	@Test
	void masksHugeHostileInputInLinearTime() {
		// A backtracking pattern took minutes on these and stalled the log writer.
		String run = "x".repeat(64 * 1024);
		for (String hostile : List.of(run, "password" + run, run + "@", run + "@" + run, "a@" + run + ".")) {
			assertTimeoutPreemptively(Duration.ofSeconds(2), () -> SensitiveData.mask(hostile));
		}
	}

	@Test
	void masksAuthorizationAndCookieHeaderValues() {
		assertThat(SensitiveData.mask("Cookie: SESSION=s3cr3t; theme=dark")).isEqualTo("Cookie: ****");
		assertThat(SensitiveData.mask("Set-Cookie=SESSION=abc")).isEqualTo("Set-Cookie=****");
		assertThat(SensitiveData.mask("Authorization: Digest xyz")).isEqualTo("Authorization: ****");
	}

	@Test
	void masksSecretKeyValuePairsInQueryStringsAndJson() {
		assertThat(SensitiveData.mask("/login?user=ada&password=hunter2&x=1"))
			.isEqualTo("/login?user=ada&password=****&x=1");
		assertThat(SensitiveData.mask("{\"client_secret\":\"abc\",\"access_token\": \"t0k\"}"))
			.isEqualTo("{\"client_secret\":\"****\",\"access_token\": \"****\"}");
	}

	@Test
	void leavesOrdinaryTextAlone() {
		String text = "GET /api/v1/campaigns/{id} 200 12ms";
		assertThat(SensitiveData.mask(text)).isSameAs(text);
	}

	@Test
	void recognisesSensitiveFieldNames() {
		assertThat(SensitiveData.isSensitiveName("password")).isTrue();
		assertThat(SensitiveData.isSensitiveName("X-Auth-Token")).isTrue();
		assertThat(SensitiveData.isSensitiveName("Authorization")).isTrue();
		assertThat(SensitiveData.isSensitiveName("Set-Cookie")).isTrue();
		assertThat(SensitiveData.isSensitiveName("clientSecret")).isTrue();
		assertThat(SensitiveData.isSensitiveName("request_id")).isFalse();
		assertThat(SensitiveData.isSensitiveName("trace_id")).isFalse();
	}

}
