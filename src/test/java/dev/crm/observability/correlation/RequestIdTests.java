package dev.crm.observability.correlation;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdTests {

	/** What the filter generates in place of a rejected ID: a random (version 4) UUID. */
	static final String GENERATED = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

	@Test
	void acceptsSingleValidId() {
		assertThat(accept("abc-123_DEF.456")).isEqualTo("abc-123_DEF.456");
	}

	@Test
	void acceptsIdOfExactly128Characters() {
		String id = "a".repeat(128);
		assertThat(accept(id)).isEqualTo(id);
	}

	@Test
	void replacesIdLongerThan128CharactersRatherThanTruncatingIt() {
		String id = "a".repeat(129);
		String accepted = accept(id);
		assertThat(accepted).isNotEqualTo(id);
		assertThat(id).doesNotStartWith(accepted);
		assertThat(RequestId.isValid(accepted)).isTrue();
	}

	@Test
	void replaces300CharacterId() {
		assertThat(accept("x".repeat(300))).hasSize(36);
	}

	@Test
	void rejectsRequestIdWithLineBreaks() {
		// A fresh UUID, not a cleaned or truncated copy. (Checking for "abc" was flaky: a
		// random UUID contains those three hex digits about once in 150 runs.)
		assertThat(accept("abc\r\nX-Injected: 1")).matches(GENERATED).doesNotContain("\r", "\n", "Injected");
	}

	@Test
	void rejectsQuotesEscapesAndSpaces() {
		for (String bad : List.of("a\"b", "a\\b", "a b", "\u001b[31mred", "a\u2028b", "é", "a,b", "")) {
			assertThat(RequestId.isValid(bad)).as(bad).isFalse();
			assertThat(accept(bad)).as(bad).isNotEqualTo(bad);
		}
	}

	@Test
	void replacesDuplicateHeadersEvenWhenEachIsValid() {
		String accepted = RequestId.accept(Collections.enumeration(List.of("first", "second")));
		assertThat(accepted).isNotIn("first", "second");
		assertThat(RequestId.isValid(accepted)).isTrue();
	}

	@Test
	void generatesIdWhenHeaderIsMissing() {
		String first = RequestId.accept(Collections.emptyEnumeration());
		String second = RequestId.accept(null);
		assertThat(RequestId.isValid(first)).isTrue();
		assertThat(first).isNotEqualTo(second);
	}

	private static String accept(String value) {
		return RequestId.accept(Collections.enumeration(List.of(value)));
	}

}
