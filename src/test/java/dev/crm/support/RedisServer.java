package dev.crm.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A real Redis for tests, whichever way {@link TestServices} started it. It can be
 * stopped and started again on the same address to simulate an outage.
 */
public interface RedisServer extends AutoCloseable {

	String host();

	int port();

	default String url() {
		return "redis://" + host() + ":" + port();
	}

	/** Starts the server again after {@link #stop()}, on the same address. */
	void start();

	/** Stops the server: connections are refused until {@link #start()}. */
	void stop();

	@Override
	default void close() {
		stop();
	}

	/**
	 * Whether Redis itself answers {@code PING}: an accepted connection is not enough,
	 * since Docker's port forwarding accepts before Redis listens.
	 */
	default boolean answersPing() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host(), port()), 1000);
			socket.setSoTimeout(1000);
			socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			byte[] reply = in.readNBytes(7);
			return "+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			return false;
		}
	}

}
