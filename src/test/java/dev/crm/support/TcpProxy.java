package dev.crm.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy that injects network faults between the application and a real
 * server. {@link #blackHole()} accepts connections and swallows bytes without ever
 * answering (a dropped route or a hung host: the worst case, since nothing fails fast);
 * {@link #stall()} holds bytes and delivers them on {@link #restore()} (a slow network or
 * a paused server).
 */
public final class TcpProxy implements AutoCloseable {

	private enum Mode {

		FORWARD, STALL, BLACK_HOLE

	}

	private final ServerSocket listener;

	private final InetSocketAddress target;

	private final Set<Link> links = ConcurrentHashMap.newKeySet();

	private final Object gate = new Object();

	private volatile Mode mode = Mode.FORWARD;

	private TcpProxy(InetSocketAddress target) throws IOException {
		this.target = target;
		this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
		Thread.ofPlatform().daemon().name("tcp-proxy-accept-" + port()).start(this::acceptLoop);
	}

	/** A proxy on a free loopback port in front of {@code 127.0.0.1:targetPort}. */
	public static TcpProxy start(int targetPort) {
		return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
	}

	/**
	 * A proxy on a free loopback port in front of {@code target}, such as a test
	 * service's {@link PostgresServer#address()}.
	 */
	public static TcpProxy start(InetSocketAddress target) {
		try {
			return new TcpProxy(target);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.listener.getLocalPort();
	}

	/**
	 * New connections are accepted and never answered; bytes on open ones are swallowed.
	 */
	public void blackHole() {
		setMode(Mode.BLACK_HOLE);
	}

	/** Bytes in both directions are held until {@link #restore()}. */
	public void stall() {
		setMode(Mode.STALL);
	}

	/**
	 * Traffic flows again. Held bytes are delivered; connections that lost bytes to the
	 * black hole are closed, as the peer's TCP stack would eventually reset them.
	 */
	public void restore() {
		setMode(Mode.FORWARD);
		for (Link link : this.links) {
			if (link.damaged) {
				link.close();
			}
		}
	}

	private void setMode(Mode mode) {
		synchronized (this.gate) {
			this.mode = mode;
			this.gate.notifyAll();
		}
	}

	@Override
	public void close() {
		try {
			this.listener.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		this.links.forEach(Link::close);
	}

	private void acceptLoop() {
		while (!this.listener.isClosed()) {
			try {
				Socket client = this.listener.accept();
				Link link = new Link(client);
				this.links.add(link);
				Thread.ofVirtual().start(link::open);
			}
			catch (IOException ex) {
				// listener closed
			}
		}
	}

	private final class Link {

		private final Socket client;

		private volatile Socket server;

		private volatile boolean damaged;

		Link(Socket client) {
			this.client = client;
		}

		void open() {
			try {
				if (TcpProxy.this.mode == Mode.BLACK_HOLE) {
					// Accept, swallow, never connect onwards: nothing ever comes back.
					this.damaged = true;
					pump(this.client.getInputStream(), null);
					return;
				}
				this.server = new Socket(TcpProxy.this.target.getAddress(), TcpProxy.this.target.getPort());
				Thread.ofVirtual().start(() -> pumpQuietly(this.server, this.client));
				pumpQuietly(this.client, this.server);
			}
			catch (IOException ex) {
				close();
			}
		}

		private void pumpQuietly(Socket from, Socket to) {
			try {
				pump(from.getInputStream(), to.getOutputStream());
			}
			catch (IOException ex) {
				// one side went away
			}
			finally {
				close();
			}
		}

		private void pump(InputStream in, OutputStream out) throws IOException {
			byte[] buffer = new byte[16 * 1024];
			int read;
			while ((read = in.read(buffer)) != -1) {
				if (!awaitForwarding() || out == null) {
					this.damaged = true;
					continue;
				}
				if (this.damaged) {
					close();
					return;
				}
				out.write(buffer, 0, read);
				out.flush();
			}
		}

		/** Waits while stalled; false when the bytes fall into the black hole. */
		private boolean awaitForwarding() {
			synchronized (TcpProxy.this.gate) {
				while (TcpProxy.this.mode == Mode.STALL) {
					try {
						TcpProxy.this.gate.wait();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return false;
					}
				}
				return TcpProxy.this.mode == Mode.FORWARD;
			}
		}

		void close() {
			TcpProxy.this.links.remove(this);
			closeQuietly(this.client);
			closeQuietly(this.server);
		}

		private static void closeQuietly(Socket socket) {
			if (socket != null) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// already closed
				}
			}
		}

	}

}
