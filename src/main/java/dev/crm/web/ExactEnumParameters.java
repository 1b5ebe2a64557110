package dev.crm.web;

import java.beans.PropertyEditorSupport;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Reads every enum path variable and query parameter ({@code ?status=NEW}) by its exact
 * constant name. Spring Boot's converter trims, ignores case and drops every character
 * that is not a letter or digit, and Spring's fallback trims, so {@code NEW%00},
 * {@code new} and {@code N-E-W} all read as {@code NEW}. An editor registered for
 * {@link Enum} is found for every enum type and takes precedence over the conversion
 * service; it passes the text on unchanged when trimming would not change it, and the
 * binder then looks the constant up with {@link Enum#valueOf}, which is exact. Anything
 * else is a type mismatch: a 400 naming the parameter. Empty ({@code ?status=}) still
 * means the parameter left out.
 */
@ControllerAdvice
class ExactEnumParameters {

	@InitBinder
	void exactEnums(WebDataBinder binder) {
		binder.registerCustomEditor(Enum.class, new UntrimmedTextEditor());
	}

	private static final class UntrimmedTextEditor extends PropertyEditorSupport {

		@Override
		public void setAsText(String text) {
			if (text.trim().length() != text.length()) {
				throw new IllegalArgumentException("Not an exact enum name");
			}
			setValue(text);
		}

	}

}
