import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection to a loopback port, kept deliberately small: the
 * load generator shares two cores with the server it measures, so it must spend as little
 * CPU per request as it can. Requests are prebuilt byte arrays; responses are parsed just
 * far enough to read the status, a {@code Location} header when asked, and to skip the
 * body ({@code Content-Length} or chunked).
 */
final class HttpConnection implements Closeable {

	private static final int TIMEOUT_MILLIS = 10_000;

	private final int port;

	private final byte[] buffer = new byte[16 * 1024];

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	private int position;

	private int limit;

	private boolean closeAfterResponse;

	/** The {@code Location} header of the last response, when it had one. */
	String location;

	/** The body of the last response, when the caller asked to keep it. */
	byte[] body;

	HttpConnection(int port) {
		this.port = port;
	}

	/** Builds the bytes of one request. */
	static byte[] request(String method, String target, String extraHeaders, String body) {
		StringBuilder request = new StringBuilder(256).append(method)
			.append(' ')
			.append(target)
			.append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: crm-bench\r\n");
		if (extraHeaders != null) {
			request.append(extraHeaders);
		}
		byte[] payload = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		if (body != null) {
			request.append("Content-Type: application/json\r\nContent-Length: ").append(payload.length).append("\r\n");
		}
		request.append("\r\n");
		byte[] head = request.toString().getBytes(StandardCharsets.ISO_8859_1);
		byte[] all = new byte[head.length + payload.length];
		System.arraycopy(head, 0, all, 0, head.length);
		System.arraycopy(payload, 0, all, head.length, payload.length);
		return all;
	}

	/**
	 * Sends one request and reads its whole response.
	 * @return the status code
	 */
	int exchange(byte[] request, boolean keepBody) throws IOException {
		boolean reused = this.socket != null;
		try {
			return attempt(request, keepBody);
		}
		catch (IOException ex) {
			// The server may have closed an idle keep-alive connection just before we
			// wrote; a fresh connection gets one more try. Any other failure counts.
			close();
			if (!reused) {
				throw ex;
			}
			return attempt(request, keepBody);
		}
	}

	private int attempt(byte[] request, boolean keepBody) throws IOException {
		if (this.socket == null) {
			connect();
		}
		this.out.write(request);
		this.out.flush();
		int status = readResponse(keepBody);
		if (this.closeAfterResponse) {
			close();
		}
		return status;
	}

	private void connect() throws IOException {
		Socket fresh = new Socket(InetAddress.getLoopbackAddress(), this.port);
		fresh.setTcpNoDelay(true);
		fresh.setSoTimeout(TIMEOUT_MILLIS);
		this.socket = fresh;
		this.in = fresh.getInputStream();
		this.out = fresh.getOutputStream();
		this.position = 0;
		this.limit = 0;
	}

	private int readResponse(boolean keepBody) throws IOException {
		this.location = null;
		this.body = null;
		this.closeAfterResponse = false;
		String statusLine = readLine();
		if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
			throw new IOException("Not an HTTP response: " + statusLine);
		}
		int status = Integer.parseInt(statusLine, 9, 12, 10);
		long contentLength = -1;
		boolean chunked = false;
		for (String line = readLine(); !line.isEmpty(); line = readLine()) {
			int colon = line.indexOf(':');
			if (colon <= 0) {
				continue;
			}
			String value = line.substring(colon + 1).trim();
			if (line.regionMatches(true, 0, "content-length", 0, colon)) {
				contentLength = Long.parseLong(value);
			}
			else if (line.regionMatches(true, 0, "transfer-encoding", 0, colon)) {
				chunked = value.toLowerCase().contains("chunked");
			}
			else if (line.regionMatches(true, 0, "connection", 0, colon)) {
				this.closeAfterResponse = value.equalsIgnoreCase("close");
			}
			else if (line.regionMatches(true, 0, "location", 0, colon)) {
				this.location = value;
			}
		}
		ByteArrayOutputStream sink = keepBody ? new ByteArrayOutputStream() : null;
		if (chunked) {
			for (long size = Long.parseLong(chunkSize(readLine()), 16); size > 0; size = Long
				.parseLong(chunkSize(readLine()), 16)) {
				skip(size, sink);
				readLine();
			}
			while (!readLine().isEmpty()) {
				// trailers
			}
		}
		else if (contentLength >= 0) {
			skip(contentLength, sink);
		}
		else if (status >= 200 && status != 204 && status != 304) {
			// No length: the body ends with the connection.
			do {
				skip(this.limit - this.position, sink);
			}
			while (fill());
			this.closeAfterResponse = true;
		}
		if (sink != null) {
			this.body = sink.toByteArray();
		}
		return status;
	}

	private static String chunkSize(String line) {
		int extension = line.indexOf(';');
		return (extension >= 0) ? line.substring(0, extension).trim() : line.trim();
	}

	private String readLine() throws IOException {
		StringBuilder line = null;
		while (true) {
			for (int i = this.position; i < this.limit; i++) {
				if (this.buffer[i] == '\n') {
					int end = (i > this.position && this.buffer[i - 1] == '\r') ? i - 1 : i;
					String part = new String(this.buffer, this.position, end - this.position,
							StandardCharsets.ISO_8859_1);
					this.position = i + 1;
					return (line == null) ? part : line.append(part).toString();
				}
			}
			if (line == null) {
				line = new StringBuilder();
			}
			line.append(new String(this.buffer, this.position, this.limit - this.position,
					StandardCharsets.ISO_8859_1));
			this.position = this.limit;
			if (!fill()) {
				throw new EOFException("Connection closed mid-response");
			}
		}
	}

	private void skip(long count, ByteArrayOutputStream sink) throws IOException {
		long remaining = count;
		while (remaining > 0) {
			if (this.position == this.limit && !fill()) {
				throw new EOFException("Connection closed mid-body");
			}
			int chunk = (int) Math.min(remaining, this.limit - this.position);
			if (sink != null) {
				sink.write(this.buffer, this.position, chunk);
			}
			this.position += chunk;
			remaining -= chunk;
		}
	}

	private boolean fill() throws IOException {
		int read = this.in.read(this.buffer, 0, this.buffer.length);
		if (read < 0) {
			return false;
		}
		this.position = 0;
		this.limit = read;
		return true;
	}

	@Override
	public void close() {
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// Closing a connection we are done with; nothing to recover.
			}
			this.socket = null;
		}
	}

}
