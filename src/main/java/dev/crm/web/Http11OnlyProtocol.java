package dev.crm.web;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.apache.coyote.Adapter;
import org.apache.coyote.ErrorState;
import org.apache.coyote.Processor;
import org.apache.coyote.Request;
import org.apache.coyote.Response;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.coyote.http11.Http11Processor;
import org.apache.tomcat.util.net.SocketEvent;

/**
 * Tomcat's HTTP/1.1 connector without its HTTP/0.9 mode: a request line without a version
 * is a 400, answered with a status line and headers like every other rejection.
 * <p>
 * Tomcat answers a request line without a version ({@code GET /}) as HTTP/0.9: the body
 * alone, no status line, no headers, so no client, proxy or probe can read it as an
 * error. Its processor also keeps that mode in a flag that only a request line it can
 * parse clears (Tomcat 11.0.24 to at least 11.0.29): a recycled processor whose next
 * request line is malformed (garbage, a NUL or raw UTF-8 byte, over 8 KB) writes its 400
 * the same way, on another client's connection. Nothing public resets the flag, so this
 * connector's processors clear it before every request reaches the container; the request
 * line without a version is then rejected as Tomcat rejects one with a method other than
 * {@code GET}, and {@link ProblemErrorReportValve} answers it.
 */
public class Http11OnlyProtocol extends Http11NioProtocol {

	/*
	 * Http11Processor.http09, read when the response is committed. Looked up when the
	 * connector is created, so that a Tomcat without it fails the startup, not a request.
	 */
	private static final VarHandle HTTP09 = http09Flag();

	@Override
	protected Processor createProcessor() {
		return new Http11OnlyProcessor(this, getAdapter());
	}

	private static VarHandle http09Flag() {
		try {
			return MethodHandles.privateLookupIn(Http11Processor.class, MethodHandles.lookup())
				.findVarHandle(Http11Processor.class, "http09", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Tomcat's Http11Processor has no http09 flag any more: check how "
					+ "this Tomcat answers a request line without a version, and drop Http11OnlyProtocol if it "
					+ "no longer keeps an HTTP/0.9 mode", ex);
		}
	}

	private static final class Http11OnlyProcessor extends Http11Processor {

		private final Adapter container;

		Http11OnlyProcessor(AbstractHttp11Protocol<?> protocol, Adapter adapter) {
			super(protocol, adapter);
			this.container = new Http11OnlyAdapter(adapter);
		}

		/**
		 * What the processor hands each request to, once its request line is parsed and
		 * before its response is committed.
		 */
		@Override
		public Adapter getAdapter() {
			return this.container;
		}

		/** The container, entered only once the request is marked HTTP/1.x. */
		private final class Http11OnlyAdapter implements Adapter {

			private final Adapter delegate;

			Http11OnlyAdapter(Adapter delegate) {
				this.delegate = delegate;
			}

			@Override
			public void service(Request request, Response response) throws Exception {
				HTTP09.set(Http11OnlyProcessor.this, false);
				// An empty protocol is the request line without a version; Tomcat itself
				// rejects it unless the method is GET.
				if (request.protocol().equals("") && !getErrorState().isError()) {
					response.setStatus(400);
					setErrorState(ErrorState.CLOSE_CLEAN, null);
				}
				this.delegate.service(request, response);
			}

			@Override
			public boolean prepare(Request request, Response response) throws Exception {
				return this.delegate.prepare(request, response);
			}

			@Override
			public boolean asyncDispatch(Request request, Response response, SocketEvent status) throws Exception {
				return this.delegate.asyncDispatch(request, response, status);
			}

			@Override
			public void log(Request request, Response response, long time) {
				this.delegate.log(request, response, time);
			}

			@Override
			public void checkRecycled(Request request, Response response) {
				this.delegate.checkRecycled(request, response);
			}

			@Override
			public String getDomain() {
				return this.delegate.getDomain();
			}

		}

	}

}
