package dev.crm.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies. Tomcat's own limits only cover form posts, so a JSON body of any
 * size would otherwise be buffered whole. The cap is checked against
 * {@code Content-Length} up front and against the bytes actually read, which also covers
 * chunked bodies. The exception surfaces while the controller reads its body, where the
 * problem handler turns it into a 413.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long limitBytes;

	public RequestBodyLimitFilter(long limitBytes) {
		this.limitBytes = limitBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new LimitedRequest(request, this.limitBytes), response);
	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limitBytes;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long limitBytes) {
			super(request);
			this.limitBytes = limitBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (getContentLengthLong() > this.limitBytes) {
				throw new RequestBodyTooLargeException(this.limitBytes);
			}
			if (this.stream == null) {
				this.stream = new LimitedInputStream(super.getInputStream(), this.limitBytes);
			}
			return this.stream;
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long limitBytes;

		private long count;

		LimitedInputStream(ServletInputStream delegate, long limitBytes) {
			this.delegate = delegate;
			this.limitBytes = limitBytes;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b != -1) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws RequestBodyTooLargeException {
			this.count += n;
			if (this.count > this.limitBytes) {
				throw new RequestBodyTooLargeException(this.limitBytes);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
