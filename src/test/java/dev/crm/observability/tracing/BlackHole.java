package dev.crm.observability.tracing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A collector that hangs: it accepts TCP connections on 127.0.0.1, reads whatever arrives
 * and never answers, the worst case for a client since nothing fails fast. It counts the
 * connections, so a test knows the exporter is stuck in one.
 */
final class BlackHole implements AutoCloseable {

	private final ServerSocket listener;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final AtomicInteger accepted = new AtomicInteger();

	private BlackHole(ServerSocket listener) {
		this.listener = listener;
		Thread.ofPlatform().daemon().name("black-hole-" + listener.getLocalPort()).start(this::acceptLoop);
	}

	static BlackHole open() {
		try {
			return new BlackHole(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.listener.getLocalPort();
	}

	int accepted() {
		return this.accepted.get();
	}

	@Override
	public void close() {
		try {
			this.listener.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		this.open.forEach(BlackHole::closeQuietly);
	}

	private void acceptLoop() {
		while (!this.listener.isClosed()) {
			try {
				Socket socket = this.listener.accept();
				this.accepted.incrementAndGet();
				this.open.add(socket);
				Thread.ofVirtual().start(() -> swallow(socket));
			}
			catch (IOException ex) {
				// listener closed
			}
		}
	}

	private void swallow(Socket socket) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = socket.getInputStream()) {
			while (in.read(buffer) != -1) {
				// never answer
			}
		}
		catch (IOException ex) {
			// the client gave up
		}
		finally {
			this.open.remove(socket);
			closeQuietly(socket);
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already gone
		}
	}

}
