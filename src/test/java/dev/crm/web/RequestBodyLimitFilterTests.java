package dev.crm.web;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RequestBodyLimitFilterTests {

	private final RequestBodyLimitFilter filter = new RequestBodyLimitFilter(10);

	@Test
	void passesBodiesUpToTheLimit() throws Exception {
		assertThat(readThrough(request(new byte[10], true))).isEqualTo(10);
	}

	@Test
	void rejectsDeclaredLengthOverTheLimitBeforeReading() {
		MockHttpServletRequest request = request(new byte[11], true);
		assertThatExceptionOfType(RequestBodyTooLargeException.class).isThrownBy(() -> readThrough(request));
	}

	@Test
	void rejectsChunkedBodyOnceReadBytesPassTheLimit() {
		MockHttpServletRequest request = request(new byte[11], false);
		assertThatExceptionOfType(RequestBodyTooLargeException.class).isThrownBy(() -> readThrough(request))
			.satisfies((ex) -> assertThat(ex.limitBytes()).isEqualTo(10));
	}

	private int readThrough(MockHttpServletRequest request) throws Exception {
		int[] read = new int[1];
		MockFilterChain chain = new MockFilterChain() {
			@Override
			public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res)
					throws IOException {
				try (InputStream in = ((HttpServletRequest) req).getInputStream()) {
					read[0] = in.readAllBytes().length;
				}
			}
		};
		this.filter.doFilter(request, new MockHttpServletResponse(), chain);
		return read[0];
	}

	private static MockHttpServletRequest request(byte[] body, boolean declareLength) {
		MockHttpServletRequest request = declareLength ? new MockHttpServletRequest("POST", "/api/v1/leads")
				: new ChunkedRequest();
		request.setContent(body);
		return request;
	}

	/** A request without Content-Length, as a chunked upload arrives. */
	private static final class ChunkedRequest extends MockHttpServletRequest {

		ChunkedRequest() {
			super("POST", "/api/v1/leads");
		}

		@Override
		public long getContentLengthLong() {
			return -1;
		}

		@Override
		public int getContentLength() {
			return -1;
		}

	}

}
