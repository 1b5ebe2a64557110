package dev.crm.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.function.Function;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import okio.BufferedSource;
import okio.GzipSource;
import okio.Okio;

/**
 * MockWebServer set up as the stand-ins for services we do not own need it: on 127.0.0.1,
 * a free port, every request handed to one function that records what arrived and returns
 * what the real service would answer.
 */
public final class StandInServers {

	private StandInServers() {
	}

	public static MockWebServer start(Function<RecordedRequest, MockResponse> answer) {
		MockWebServer server = new MockWebServer();
		server.setDispatcher(new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return answer.apply(request);
			}

		});
		try {
			server.start(InetAddress.getLoopbackAddress(), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return server;
	}

	/**
	 * The request's body as its sender wrote it: gunzipped when its
	 * {@code Content-Encoding} says gzip, as Sentry's SDK and the OTLP exporter may send
	 * it.
	 */
	public static byte[] body(RecordedRequest request) {
		byte[] body = (request.getBody() != null) ? request.getBody().toByteArray() : new byte[0];
		if (!"gzip".equalsIgnoreCase(request.getHeaders().get("Content-Encoding"))) {
			return body;
		}
		try (BufferedSource gunzipped = Okio.buffer(new GzipSource(new Buffer().write(body)))) {
			return gunzipped.readByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
