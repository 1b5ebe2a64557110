package dev.crm.observability.redaction;

import java.util.Set;

import net.logstash.logback.mask.ValueMasker;
import tools.jackson.core.TokenStreamContext;

/**
 * Masks secrets and email addresses inside every string the JSON encoder writes that can
 * carry input: messages, MDC values, structured arguments and stack traces.
 */
public class SensitiveValueMasker implements ValueMasker {

	/*
	 * Top-level fields whose values the code sets and input never reaches, so masking
	 * them could only cost time: the encoder's own fields and context properties
	 * (logback-spring.xml), the trace IDs (hex) and the request ID, which RequestId keeps
	 * to [A-Za-z0-9._-], where no rule can match. Everything else is masked, these names
	 * inside a structured argument's object included.
	 */
	private static final Set<String> WITHOUT_INPUT = Set.of("@timestamp", "level", "logger", "thread", "service", "env",
			"version", "trace_id", "span_id", "request_id");

	@Override
	public Object mask(TokenStreamContext context, Object value) {
		if (!(value instanceof CharSequence text) || isWithoutInput(context)) {
			return null;
		}
		String original = text.toString();
		String masked = SensitiveData.mask(original);
		return (masked != original) ? masked : null;
	}

	private static boolean isWithoutInput(TokenStreamContext context) {
		TokenStreamContext parent = context.getParent();
		return context.hasCurrentName() && parent != null && parent.inRoot()
				&& WITHOUT_INPUT.contains(context.currentName());
	}

}
