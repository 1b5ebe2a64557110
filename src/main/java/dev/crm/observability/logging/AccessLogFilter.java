package dev.crm.observability.logging;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Measures each request and writes its {@link AccessLog access line} after the response
 * is complete. It runs inside the HTTP observation, so the line carries {@code trace_id}
 * and {@code span_id} as well as {@code request_id}.
 */
public class AccessLogFilter extends OncePerRequestFilter {

	private final AccessLog accessLog;

	public AccessLogFilter(AccessLog accessLog) {
		this.accessLog = accessLog;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		CountingResponse counting = new CountingResponse(response);
		boolean failed = true;
		try {
			chain.doFilter(request, counting);
			failed = false;
		}
		finally {
			// An exception that escapes every handler becomes a 500 from the container.
			int status = failed ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : counting.getStatus();
			this.accessLog.write(request, status, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
					counting.bytes());
		}
	}

	/** Counts the body bytes written, through the stream or the writer. */
	private static final class CountingResponse extends HttpServletResponseWrapper {

		private CountingOutputStream stream;

		private PrintWriter writer;

		CountingResponse(HttpServletResponse response) {
			super(response);
		}

		long bytes() {
			if (this.writer != null) {
				this.writer.flush();
			}
			return (this.stream != null) ? this.stream.count : 0;
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			if (this.writer != null) {
				throw new IllegalStateException("getWriter() has already been called for this response");
			}
			if (this.stream == null) {
				this.stream = new CountingOutputStream(super.getOutputStream());
			}
			return this.stream;
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			if (this.writer == null) {
				if (this.stream != null) {
					throw new IllegalStateException("getOutputStream() has already been called for this response");
				}
				this.stream = new CountingOutputStream(super.getOutputStream());
				this.writer = new PrintWriter(
						new OutputStreamWriter(this.stream, Charset.forName(getCharacterEncoding())));
			}
			return this.writer;
		}

		@Override
		public void flushBuffer() throws IOException {
			if (this.writer != null) {
				this.writer.flush();
			}
			super.flushBuffer();
		}

	}

	private static final class CountingOutputStream extends ServletOutputStream {

		private final ServletOutputStream delegate;

		private long count;

		CountingOutputStream(ServletOutputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public void write(int b) throws IOException {
			this.delegate.write(b);
			this.count++;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			this.delegate.write(bytes, offset, length);
			this.count += length;
		}

		@Override
		public void flush() throws IOException {
			this.delegate.flush();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			this.delegate.setWriteListener(listener);
		}

	}

}
