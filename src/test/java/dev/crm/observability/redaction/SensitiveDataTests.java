package dev.crm.observability.redaction;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
		// A backtracking pattern took minutes on these and stalled the log writer. Shown
		// by counting, not timing: each rule's repetitions are bounded (64 characters at
		// most), so each character is read a bounded number of times whatever the length;
		// a quadratic pattern reads a 64 KB run thousands of times per character.
		String run = "x".repeat(64 * 1024);
		for (String hostile : List.of(run, "password" + run, "password=" + run, run + "@", run + "@" + run,
				"a@" + run + ".", "Bearer " + run, "Cookie: " + run)) {
			CountingText text = new CountingText(hostile);
			SensitiveData.mask(text);
			assertThat(text.reads).as("reads of a %d-character input", hostile.length())
				.isLessThan(300L * hostile.length());
		}
	}

	@Test
	void masksKeywordsInAnyLetterCase() {
		assertThat(SensitiveData.mask("PaSsWoRd=hunter2")).isEqualTo("PaSsWoRd=****");
		assertThat(SensitiveData.mask("BEARER abc.def")).isEqualTo("BEARER ****");
		assertThat(SensitiveData.mask("COOKIE: a=b")).isEqualTo("COOKIE: ****");
		assertThat(SensitiveData.mask("Proxy-AUTHORIZATION=Basic x")).isEqualTo("Proxy-AUTHORIZATION=****");
		assertThat(SensitiveData.mask("x-api-TOKEN: t0k")).isEqualTo("x-api-TOKEN: ****");
		assertThat(SensitiveData.mask("Ada.Lovelace@Example.COM")).isEqualTo("****");
	}

	@Test
	void leavesKeywordsWithoutAValueAlone() {
		String text = "token rotation finished, secret store reachable, cookie banner shown";
		assertThat(SensitiveData.mask(text)).isSameAs(text);
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

	@Test
	void recognisesSensitiveFieldNamesAgainOnEveryCall() {
		for (int i = 0; i < 3; i++) {
			assertThat(SensitiveData.isSensitiveName("SESSION_COOKIE")).isTrue();
			assertThat(SensitiveData.isSensitiveName("route")).isFalse();
		}
	}

	@Test
	void recognisesSensitiveFieldNamesBeyondTheCachedOnes() {
		for (int i = 0; i < 5000; i++) {
			assertThat(SensitiveData.isSensitiveName("field" + i)).isFalse();
		}
		assertThat(SensitiveData.isSensitiveName("field_token_5001")).isTrue();
		assertThat(SensitiveData.isSensitiveName("field5001")).isFalse();
	}

	@Test
	void percentEncodedEmailInPathIsMasked() {
		assertThat(SensitiveData.mask("No mapping for GET /api/v1/leads/ada%40example.com"))
			.isEqualTo("No mapping for GET /api/v1/leads/****");
	}

	@Test
	void percentEncodedBearerTokenInPathIsMasked() {
		assertThat(SensitiveData.mask("No mapping for GET /api/v1/Bearer%20eyJhbGciOi.J9.sig"))
			.isEqualTo("No mapping for GET /api/v1/Bearer ****");
	}

	@Test
	void percentEncodedSecretParameterIsMasked() {
		assertThat(SensitiveData.mask("/x%3Faccess_token%3Dabc123")).isEqualTo("/x?access_token=****");
	}

	@Test
	void doublePercentEncodedEmailIsMasked() {
		assertThat(SensitiveData.mask("/api/v1/leads/ada%2540example.com")).isEqualTo("/api/v1/leads/****");
	}

	@Test
	void secretWithAnEscapeInItsValueStaysWhollyMasked() {
		assertThat(SensitiveData.mask("password=abc%20def&x%40y.org")).isEqualTo("password=****&****");
	}

	@Test
	void percentEncodedTextWithoutSecretsStaysAsSent() {
		String path = "/api/v1/campaigns/caf%C3%A9%20sale";
		assertThat(SensitiveData.mask(path)).isSameAs(path);
	}

	@Test
	void malformedEscapesAreLeftAlone() {
		String path = "/api/v1/%zz/100%/%4";
		assertThat(SensitiveData.mask(path)).isSameAs(path);
	}

	/** A text that counts how often its characters are read. */
	private static final class CountingText implements CharSequence {

		private final String text;

		private long reads;

		CountingText(String text) {
			this.text = text;
		}

		@Override
		public int length() {
			return this.text.length();
		}

		@Override
		public char charAt(int index) {
			this.reads++;
			return this.text.charAt(index);
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			this.reads += end - start;
			return this.text.subSequence(start, end);
		}

		@Override
		public String toString() {
			this.reads += this.text.length();
			return this.text;
		}

	}

}
