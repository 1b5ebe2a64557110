package dev.crm.observability.correlation;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdTests {

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
		assertThat(accept("abc\r\nX-Injected: 1")).doesNotContain("abc", "\r", "\n");
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
