package dev.crm.observability.redaction;

import net.logstash.logback.mask.ValueMasker;
import tools.jackson.core.TokenStreamContext;

/**
 * Masks secrets and email addresses inside every string the JSON encoder writes:
 * messages, MDC values, structured arguments and stack traces.
 */
public class SensitiveValueMasker implements ValueMasker {

	@Override
	public Object mask(TokenStreamContext context, Object value) {
		if (value instanceof CharSequence text) {
			String original = text.toString();
			String masked = SensitiveData.mask(original);
			return (masked != original) ? masked : null;
		}
		return null;
	}

}
