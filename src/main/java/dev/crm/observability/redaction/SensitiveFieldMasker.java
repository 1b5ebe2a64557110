package dev.crm.observability.redaction;

import net.logstash.logback.mask.FieldMasker;
import tools.jackson.core.TokenStreamContext;

/**
 * Masks the whole value of any JSON field whose name says it holds a secret
 * ({@code password}, {@code token}, {@code authorization}, {@code cookie}...), at any
 * depth: MDC entries and structured arguments alike.
 */
public class SensitiveFieldMasker implements FieldMasker {

	@Override
	public Object mask(TokenStreamContext context) {
		return (context.hasCurrentName() && SensitiveData.isSensitiveName(context.currentName())) ? SensitiveData.MASK
				: null;
	}

}
