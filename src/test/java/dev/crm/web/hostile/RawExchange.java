package dev.crm.web.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends one request's bytes over a fresh socket to 127.0.0.1 and reads one answer, framed
 * by its {@code Content-Length} or chunked coding (or the end of the stream), then drains
 * the connection until the server closes it, for at most a short while. A request the
 * server closes or resets without a status line, or leaves unanswered for the timeout,
 * has no answer.
 */
final class RawExchange {

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);

	private RawExchange() {
	}

	static Answer send(int port, byte[] request, boolean head, Duration timeout) {
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		String failure = null;
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout((int) timeout.toMillis());
			try {
				OutputStream out = socket.getOutputStream();
				out.write(request);
				out.flush();
			}
			catch (IOException ex) {
				// The server may answer and close before it has read all of a large
				// request; its answer is still in the receive buffer.
				failure = "write failed: " + ex.getMessage();
			}
			try {
				Answer answer = read(socket.getInputStream(), received, head);
				drain(socket);
				return answer;
			}
			catch (SocketTimeoutException ex) {
				failure = "no complete answer within " + timeout.toMillis() + " ms";
			}
			catch (IOException ex) {
				failure = (failure != null) ? failure + "; read failed: " + ex.getMessage()
						: "read failed: " + ex.getMessage();
			}
		}
		catch (IOException ex) {
			failure = "connect failed: " + ex.getMessage();
		}
		Answer partial = Answer.parse(received.toByteArray(), head);
		return (partial != null) ? partial : Answer.none(failure);
	}

	/**
	 * Reads until the server closes the connection (every case asks it to), so that what
	 * it does with bytes after the first request, pipelined or smuggled, happens before
	 * the next case starts and is counted against this one.
	 */
	private static void drain(Socket socket) {
		try {
			socket.setSoTimeout((int) DRAIN_TIMEOUT.toMillis());
			socket.getInputStream().transferTo(OutputStream.nullOutputStream());
		}
		catch (IOException ex) {
			// Closed, reset or quiet: the server is done with the connection either way.
		}
	}

	private static Answer read(InputStream in, ByteArrayOutputStream received, boolean head) throws IOException {
		byte[] buffer = new byte[8192];
		int n;
		while ((n = in.read(buffer)) != -1) {
			received.write(buffer, 0, n);
			Answer answer = Answer.parse(received.toByteArray(), head);
			if (answer != null && answer.complete()) {
				return answer;
			}
		}
		Answer answer = Answer.parse(received.toByteArray(), head);
		return (answer != null) ? answer : Answer.none("closed without an answer");
	}

	/**
	 * What came back: a status with headers and body, or none (status -1) with why.
	 *
	 * @param status the final status, or -1 for no answer
	 * @param headers the headers, names lower-cased
	 * @param body the body, dechunked, as UTF-8 text
	 * @param complete whether the whole body was read
	 * @param failure why there is no answer
	 */
	record Answer(int status, Map<String, String> headers, String body, boolean complete, String failure) {

		static Answer none(String failure) {
			return new Answer(-1, Map.of(), "", false, failure);
		}

		boolean answered() {
			return this.status > 0;
		}

		String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		/**
		 * Parses what has arrived so far; null while the head of a final answer is
		 * missing.
		 */
		static Answer parse(byte[] bytes, boolean head) {
			String text = new String(bytes, StandardCharsets.ISO_8859_1);
			int start = 0;
			while (true) {
				int end = text.indexOf("\r\n\r\n", start);
				if (end < 0) {
					return null;
				}
				String[] lines = text.substring(start, end).split("\r\n");
				String[] statusLine = lines[0].split(" ", 3);
				if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
					return null;
				}
				int status = Integer.parseInt(statusLine[1]);
				if (status >= 100 && status < 200) {
					// An interim answer (100 Continue): the final one follows.
					start = end + 4;
					continue;
				}
				Map<String, String> headers = new LinkedHashMap<>();
				for (int i = 1; i < lines.length; i++) {
					int colon = lines[i].indexOf(':');
					if (colon > 0) {
						headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
								lines[i].substring(colon + 1).strip());
					}
				}
				return withBody(status, headers, bytes, end + 4, head);
			}
		}

		private static Answer withBody(int status, Map<String, String> headers, byte[] bytes, int from, boolean head) {
			int available = bytes.length - from;
			if (head || status == 204 || status == 304) {
				return new Answer(status, headers, "", true, null);
			}
			String length = headers.get("content-length");
			if (length != null) {
				int expected = Integer.parseInt(length);
				int taken = Math.min(expected, available);
				return new Answer(status, headers, new String(bytes, from, taken, StandardCharsets.UTF_8),
						available >= expected, null);
			}
			if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				return dechunk(status, headers, bytes, from);
			}
			return new Answer(status, headers, new String(bytes, from, available, StandardCharsets.UTF_8), false, null);
		}

		private static Answer dechunk(int status, Map<String, String> headers, byte[] bytes, int from) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			String text = new String(bytes, StandardCharsets.ISO_8859_1);
			int at = from;
			while (true) {
				int lineEnd = text.indexOf("\r\n", at);
				if (lineEnd < 0) {
					break;
				}
				int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].strip(), 16);
				if (size == 0) {
					return new Answer(status, headers, body.toString(StandardCharsets.UTF_8), true, null);
				}
				if (lineEnd + 2 + size > bytes.length) {
					break;
				}
				body.write(bytes, lineEnd + 2, size);
				at = lineEnd + 2 + size + 2;
			}
			return new Answer(status, headers, body.toString(StandardCharsets.UTF_8), false, null);
		}

	}

}
