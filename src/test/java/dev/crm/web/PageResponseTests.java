package dev.crm.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PageResponseTests {

	@Test
	void roundsTotalPagesUp() {
		assertThat(PageResponse.of(List.of(), 0, 20, 41).totalPages()).isEqualTo(3);
		assertThat(PageResponse.of(List.of(), 0, 20, 40).totalPages()).isEqualTo(2);
		assertThat(PageResponse.of(List.of(), 0, 20, 0).totalPages()).isZero();
	}

	@Test
	void computesOffsetWithoutIntOverflow() {
		assertThat(PageResponse.offset(Integer.MAX_VALUE, 100)).isEqualTo(214748364700L);
	}

}
