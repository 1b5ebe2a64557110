package dev.crm.web;

import java.beans.PropertyEditorSupport;
import java.util.regex.Pattern;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Reads every integer path variable and query parameter ({@code long}, {@code int} and
 * their boxes: the IDs, {@code page} and {@code size}) as plain ASCII decimal. Spring's
 * own number parsing also takes {@code 0x1}, {@code #1} and {@code +1}, and
 * {@link Long#parseLong} takes any Unicode digit (a full-width {@code １}), so several
 * spellings would name one row. Here only one spelling does; anything else is a type
 * mismatch, which the problem handler answers with a 400 naming the parameter. A property
 * editor and not a {@code Converter}: the binder falls back to its default number editor
 * when a converter fails, and that editor takes them all.
 */
@ControllerAdvice
class DecimalIds {

	/** No sign, no leading zero, at most 19 digits (the range is checked on parsing). */
	private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");

	@InitBinder
	void plainDecimals(WebDataBinder binder) {
		binder.registerCustomEditor(long.class, new DecimalEditor(false, Long.MAX_VALUE));
		binder.registerCustomEditor(Long.class, new DecimalEditor(true, Long.MAX_VALUE));
		binder.registerCustomEditor(int.class, new DecimalEditor(false, Integer.MAX_VALUE));
		binder.registerCustomEditor(Integer.class, new DecimalEditor(true, Integer.MAX_VALUE));
	}

	/** Whether a type is one this class reads. */
	static boolean isDecimal(Class<?> type) {
		return type == long.class || type == Long.class || type == int.class || type == Integer.class;
	}

	private static final class DecimalEditor extends PropertyEditorSupport {

		private final boolean allowEmpty;

		private final long max;

		DecimalEditor(boolean allowEmpty, long max) {
			this.allowEmpty = allowEmpty;
			this.max = max;
		}

		@Override
		public void setAsText(String text) {
			// As Spring's own editor: ?campaignId= is the parameter left out.
			if (this.allowEmpty && text.isEmpty()) {
				setValue(null);
				return;
			}
			if (!DECIMAL.matcher(text).matches()) {
				throw new IllegalArgumentException("Not a plain decimal number");
			}
			// Throws NumberFormatException beyond Long.MAX_VALUE.
			long value = Long.parseLong(text);
			if (value > this.max) {
				throw new IllegalArgumentException("Out of range");
			}
			setValue((this.max == Long.MAX_VALUE) ? (Object) value : (Object) (int) value);
		}

	}

}
