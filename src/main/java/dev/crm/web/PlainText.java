package dev.crm.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A short single-line value such as a name or an email address: no control character (C0,
 * DEL, C1, so no NUL, tab or line break) and no bidirectional embedding, override or
 * isolate (U+202A to U+202E, U+2066 to U+2069). These values are shown in lists, exported
 * to CSV and copied into messages, where control characters break the layout and bidi
 * overrides make text read differently from what it is. The marks U+200E, U+200F and
 * U+061C, which right-to-left text needs, are allowed. {@code null} is valid.
 */
@Documented
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlainText.Validator.class)
public @interface PlainText {

	String message() default "must not contain control characters or bidirectional overrides";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks a {@link PlainText} value. */
	class Validator implements ConstraintValidator<PlainText, CharSequence> {

		@Override
		public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
			return value == null || isPlain(value);
		}

		static boolean isPlain(CharSequence value) {
			for (int i = 0, length = value.length(); i < length; i++) {
				char c = value.charAt(i);
				if (Character.isISOControl(c) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
					return false;
				}
			}
			return true;
		}

	}

}
