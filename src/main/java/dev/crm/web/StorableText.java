package dev.crm.web;

/**
 * What text PostgreSQL can store exactly as received. Its UTF-8 text type has no NUL (the
 * driver fails with "invalid byte sequence"), and a UTF-16 surrogate without its pair has
 * no UTF-8 form at all (the driver writes {@code ?} instead). Such text is rejected,
 * never altered.
 */
public final class StorableText {

	private StorableText() {
	}

	/** Whether {@code text} holds neither NUL nor an unpaired surrogate. */
	public static boolean isStorable(CharSequence text) {
		for (int i = 0, length = text.length(); i < length; i++) {
			char c = text.charAt(i);
			if (c == '\0') {
				return false;
			}
			if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

}
