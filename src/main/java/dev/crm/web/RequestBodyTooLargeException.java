package dev.crm.web;

import java.io.IOException;

/**
 * Thrown while a request body is read once it passes the configured limit. It is an
 * {@link IOException} so that it travels through the message converters unchanged.
 */
public class RequestBodyTooLargeException extends IOException {

	private final long limitBytes;

	public RequestBodyTooLargeException(long limitBytes) {
		super("Request body exceeds " + limitBytes + " bytes");
		this.limitBytes = limitBytes;
	}

	public long limitBytes() {
		return this.limitBytes;
	}

}
