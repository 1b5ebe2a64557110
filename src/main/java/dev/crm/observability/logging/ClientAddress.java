package dev.crm.observability.logging;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Resolves the client address for the access log. {@code X-Forwarded-For} is believed
 * only when the TCP peer is a configured proxy, and then read from the right: the first
 * address that is not itself a trusted proxy is the client. Anything that is not an IP
 * literal ends the walk, so no header value is ever logged as an address.
 */
public final class ClientAddress {

	private final List<Cidr> trustedProxies;

	public ClientAddress(List<String> trustedProxies) {
		List<Cidr> parsed = new ArrayList<>();
		for (String proxy : trustedProxies) {
			parsed.add(Cidr.parse(proxy.strip()));
		}
		this.trustedProxies = List.copyOf(parsed);
	}

	public String resolve(HttpServletRequest request) {
		String peer = request.getRemoteAddr();
		// Without trusted proxies the peer is the client: nothing to parse.
		if (this.trustedProxies.isEmpty()) {
			return peer;
		}
		InetAddress peerAddress = parse(peer);
		if (peerAddress == null || !isTrusted(peerAddress)) {
			return peer;
		}
		List<String> hops = new ArrayList<>();
		request.getHeaders("X-Forwarded-For").asIterator().forEachRemaining((header) -> {
			for (String hop : header.split(",")) {
				hops.add(hop.strip());
			}
		});
		String client = peer;
		for (int i = hops.size() - 1; i >= 0; i--) {
			InetAddress hop = parse(hops.get(i));
			if (hop == null) {
				break;
			}
			client = hop.getHostAddress();
			if (!isTrusted(hop)) {
				break;
			}
		}
		return client;
	}

	private boolean isTrusted(InetAddress address) {
		for (Cidr proxy : this.trustedProxies) {
			if (proxy.contains(address)) {
				return true;
			}
		}
		return false;
	}

	/** An IP literal, or null: never a DNS lookup. */
	static InetAddress parse(String literal) {
		if (literal == null || literal.isEmpty() || literal.length() > 45) {
			return null;
		}
		try {
			return InetAddress.ofLiteral(literal);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	record Cidr(byte[] network, int prefix) {

		static Cidr parse(String value) {
			int slash = value.indexOf('/');
			InetAddress address = ClientAddress.parse((slash < 0) ? value : value.substring(0, slash));
			if (address == null) {
				throw new IllegalArgumentException("Not an IP address or CIDR range: " + value);
			}
			int bits = address.getAddress().length * 8;
			int prefix = (slash < 0) ? bits : Integer.parseInt(value.substring(slash + 1));
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException("Bad prefix length in " + value);
			}
			return new Cidr(address.getAddress(), prefix);
		}

		boolean contains(InetAddress address) {
			byte[] candidate = address.getAddress();
			if (candidate.length != this.network.length) {
				return false;
			}
			int fullBytes = this.prefix / 8;
			for (int i = 0; i < fullBytes; i++) {
				if (candidate[i] != this.network[i]) {
					return false;
				}
			}
			int rest = this.prefix % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xFF << (8 - rest)) & 0xFF;
			return (candidate[fullBytes] & mask) == (this.network[fullBytes] & mask);
		}

	}

}
