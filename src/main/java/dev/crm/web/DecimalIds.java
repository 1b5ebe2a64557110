package dev.crm.web;

import java.beans.PropertyEditorSupport;
import java.util.regex.Pattern;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Reads every {@code long} or {@code Long} path variable and query parameter (the IDs) as
 * plain ASCII decimal. Spring's own number parsing also takes {@code 0x1}, {@code #1} and
 * {@code +1}, and {@link Long#parseLong} takes any Unicode digit (a full-width
 * {@code １}), so several spellings would name one row. Here only one spelling does;
 * anything else is a type mismatch, which the problem handler answers with a 400 naming
 * the parameter. A property editor and not a {@code Converter}: the binder falls back to
 * its default number editor when a converter fails, and that editor takes them all.
 */
@ControllerAdvice
class DecimalIds {

	/** No sign, no leading zero, at most 19 digits (the range is checked on parsing). */
	private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");

	@InitBinder
	void plainDecimalIds(WebDataBinder binder) {
		binder.registerCustomEditor(long.class, new DecimalEditor(false));
		binder.registerCustomEditor(Long.class, new DecimalEditor(true));
	}

	static long parse(String text) {
		if (!DECIMAL.matcher(text).matches()) {
			throw new IllegalArgumentException("Not a plain decimal number");
		}
		// Throws NumberFormatException beyond Long.MAX_VALUE.
		return Long.parseLong(text);
	}

	private static final class DecimalEditor extends PropertyEditorSupport {

		private final boolean allowEmpty;

		DecimalEditor(boolean allowEmpty) {
			this.allowEmpty = allowEmpty;
		}

		@Override
		public void setAsText(String text) {
			// As Spring's own editor: ?campaignId= is the parameter left out.
			setValue((this.allowEmpty && text.isEmpty()) ? null : parse(text));
		}

	}

}
