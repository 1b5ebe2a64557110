package dev.crm.web;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses a JSON body that is not well-formed UTF-8. Jackson's byte parser decodes
 * without checking for the shortest form, so the overlong {@code C0 AF} became {@code /}
 * and {@code E0 80 80} a NUL: text that passes a filter looking for {@code /} in the
 * bytes and means it once decoded. The body is checked as Jackson reads it, in one pass
 * over the bytes and without a copy, by the table of well-formed sequences in the Unicode
 * standard (3.9, table 3-7): no overlong forms, no encoded surrogates, nothing past
 * U+10FFFF, no truncated sequence. The first bad byte ends the read; the problem handler
 * answers 400. A body declared in another charset ({@code charset=UTF-16}) is decoded by
 * that charset and not checked here.
 */
@ControllerAdvice
class StrictUtf8Bodies extends RequestBodyAdviceAdapter {

	@Override
	public boolean supports(MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return JacksonJsonHttpMessageConverter.class.isAssignableFrom(converterType);
	}

	@Override
	public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		MediaType contentType = message.getHeaders().getContentType();
		if (contentType != null && contentType.getCharset() != null
				&& !StandardCharsets.UTF_8.equals(contentType.getCharset())) {
			return message;
		}
		return new HttpInputMessage() {

			@Override
			public InputStream getBody() throws IOException {
				return new Utf8CheckingInputStream(message.getBody());
			}

			@Override
			public HttpHeaders getHeaders() {
				return message.getHeaders();
			}

		};
	}

	/** Passes bytes through unchanged and throws at the first that breaks UTF-8. */
	static final class Utf8CheckingInputStream extends InputStream {

		private final InputStream delegate;

		/** Continuation bytes still due in the current sequence. */
		private int pending;

		/**
		 * The range the next continuation byte must fall in (narrower after E0, ED, F0,
		 * F4).
		 */
		private int low;

		private int high;

		Utf8CheckingInputStream(InputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b == -1) {
				checkComplete();
			}
			else {
				check(b);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int count = this.delegate.read(buffer, offset, length);
			if (count == -1) {
				checkComplete();
				return count;
			}
			for (int i = offset; i < offset + count; i++) {
				byte b = buffer[i];
				// ASCII outside a sequence, the common case: nothing to track.
				if (b < 0 || this.pending != 0) {
					check(b & 0xFF);
				}
			}
			return count;
		}

		@Override
		public int available() throws IOException {
			return this.delegate.available();
		}

		@Override
		public void close() throws IOException {
			this.delegate.close();
		}

		private void check(int b) throws MalformedUtf8Exception {
			if (this.pending > 0) {
				if (b < this.low || b > this.high) {
					throw new MalformedUtf8Exception();
				}
				this.pending--;
				this.low = 0x80;
				this.high = 0xBF;
			}
			else if (b >= 0x80) {
				start(b);
			}
		}

		private void start(int lead) throws MalformedUtf8Exception {
			this.low = 0x80;
			this.high = 0xBF;
			if (lead >= 0xC2 && lead <= 0xDF) {
				this.pending = 1;
			}
			else if (lead >= 0xE0 && lead <= 0xEF) {
				this.pending = 2;
				if (lead == 0xE0) {
					this.low = 0xA0; // below: an overlong form of U+0000-U+07FF
				}
				else if (lead == 0xED) {
					this.high = 0x9F; // above: a surrogate, U+D800-U+DFFF
				}
			}
			else if (lead >= 0xF0 && lead <= 0xF4) {
				this.pending = 3;
				if (lead == 0xF0) {
					this.low = 0x90; // below: an overlong form of U+0000-U+FFFF
				}
				else if (lead == 0xF4) {
					this.high = 0x8F; // above: beyond U+10FFFF
				}
			}
			else {
				// A stray continuation byte, C0 and C1 (only ever overlong), or F5-FF.
				throw new MalformedUtf8Exception();
			}
		}

		private void checkComplete() throws MalformedUtf8Exception {
			if (this.pending > 0) {
				throw new MalformedUtf8Exception();
			}
		}

	}

	/** A body that is not well-formed UTF-8; carries no bytes of it. */
	static final class MalformedUtf8Exception extends CharacterCodingException {

	}

}
