package dev.crm.web.hostile;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The corpus turns its descriptions into exactly the bytes meant, and the runner reads
 * answers as framed on the wire; without these, a case could test something else than its
 * name says.
 */
class HostileCorpusTests {

	private static final Map<String, String> VALUES = Map.of("campaign", "7", "lead", "8");

	@Test
	void everyFileLoadsWithUniqueNamesAndAtLeastThreeHundredCases() {
		assertThat(HostileCorpus.load(VALUES)).hasSizeGreaterThanOrEqualTo(300);
	}

	@Test
	void anHttpCaseGetsHostTypeLengthAndCloseAsAClientWouldSendThem() {
		HostileCase hostile = HostileCorpus.of("test",
				spec("name", "n", "method", "POST", "target", "/api/v1/campaigns/⟦campaign⟧", "body", "{\"a\":\"é\"}"),
				VALUES);

		assertThat(new String(hostile.request(), StandardCharsets.UTF_8))
			.isEqualTo("POST /api/v1/campaigns/7 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
					+ "Content-Length: 10\r\nConnection: close\r\n\r\n{\"a\":\"é\"}");
	}

	@Test
	void headersTheCaseGivesReplaceTheDefaults() {
		Map<String, Object> spec = spec("name", "n", "target", "/x", "host", false, "body", "ab", "headers",
				List.of("Transfer-Encoding: chunked", "Connection: keep-alive"));
		spec.put("contentType", "none");

		assertThat(new String(HostileCorpus.of("test", spec, VALUES).request(), StandardCharsets.UTF_8))
			.isEqualTo("GET /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\nab");
	}

	@Test
	void aRawCaseIsSentByteForByteWithItsContentLengthFilledIn() {
		HostileCase hostile = HostileCorpus.of("test",
				spec("name", "n", "encoding", "latin1", "raw",
						"P\u00FF /⟦repeat 3 a⟧ HTTP/1.1\r\nContent-Length: ⟦content-length⟧\r\n\r\n\u00FF\u00FE"),
				VALUES);

		assertThat(hostile.request()).isEqualTo(
				"P\u00FF /aaa HTTP/1.1\r\nContent-Length: 2\r\n\r\n\u00FF\u00FE".getBytes(StandardCharsets.ISO_8859_1));
	}

	@Test
	void anUnknownKeyOrAnOptionalAnswerWithoutAReasonIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> HostileCorpus.of("test", spec("name", "n", "target", "/", "expected", "4xx"), VALUES));
		assertThatIllegalStateException()
			.isThrownBy(() -> HostileCorpus.of("test", spec("name", "n", "target", "/", "answer", "optional"), VALUES));
		assertThatIllegalStateException()
			.isThrownBy(() -> HostileCorpus.of("test", spec("name", "n", "target", "/⟦nope⟧"), VALUES));
	}

	@Test
	void expectationsMatchAClassOrAnExactStatus() {
		HostileCase hostile = HostileCorpus.of("test", spec("name", "n", "target", "/", "expect", List.of("4xx", 201)),
				VALUES);

		assertThat(hostile.expects(404)).isTrue();
		assertThat(hostile.expects(201)).isTrue();
		assertThat(hostile.expects(200)).isFalse();
		assertThat(hostile.expects(500)).isFalse();
	}

	@Test
	void aChunkedAnswerAfterAnInterimOneIsReadWhole() {
		String wire = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 400 \r\nContent-Type: application/problem+json\r\n"
				+ "Transfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n3;x=y\r\n\":1\r\n1\r\n}\r\n0\r\n\r\n";

		RawExchange.Answer answer = RawExchange.Answer.parse(wire.getBytes(StandardCharsets.ISO_8859_1), false);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.header("content-type")).isEqualTo("application/problem+json");
		assertThat(answer.body()).isEqualTo("{\"a\":1}");
		assertThat(answer.complete()).isTrue();
	}

	@Test
	void anAnswerCutShortIsIncompleteAndGarbageIsNoAnswer() {
		RawExchange.Answer cut = RawExchange.Answer
			.parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".getBytes(StandardCharsets.ISO_8859_1), false);

		assertThat(cut.complete()).isFalse();
		assertThat(RawExchange.Answer.parse("garbage\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), false)).isNull();
	}

	@Test
	void theGeneratorIsFixedByItsSeed() {
		List<HostileCase> first = HostileGenerator.generate(42, 20, VALUES);
		List<HostileCase> again = HostileGenerator.generate(42, 20, VALUES);

		assertThat(first).hasSize(20);
		for (int i = 0; i < first.size(); i++) {
			assertThat(again.get(i).request()).isEqualTo(first.get(i).request());
			assertThat(again.get(i).name()).isEqualTo(first.get(i).name());
		}
	}

	private static Map<String, Object> spec(Object... keysAndValues) {
		Map<String, Object> spec = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			spec.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return spec;
	}

}
