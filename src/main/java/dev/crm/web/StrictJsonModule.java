package dev.crm.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

import org.springframework.stereotype.Component;

/**
 * Binds a JSON string, and only a JSON string, to a {@code String}: {@code 12345},
 * {@code true} or an object for a text field is a 400 naming the field, not a coerced
 * value, and a string that PostgreSQL cannot store unchanged ({@link StorableText}) is
 * rejected here, before any SQL. An enum takes its constant's name exactly: Jackson would
 * trim the text first, so {@code "EMAIL "} and {@code "EMAIL\u0000"} (NUL is below the
 * space that {@link String#trim()} strips) became {@code EMAIL}. The other strict
 * settings (no enum ordinals, no fractions for integers, no strings for numbers) are
 * {@code spring.jackson.*} in application.yml. A component, so that {@code @WebMvcTest}
 * slices bind the same way.
 */
@Component
class StrictJsonModule extends SimpleModule {

	StrictJsonModule() {
		super(StrictJsonModule.class.getSimpleName());
		addDeserializer(String.class, new StorableStringDeserializer());
		setDeserializerModifier(new ValueDeserializerModifier() {

			@Override
			public ValueDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
					BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
				return new UntrimmedEnumDeserializer(deserializer);
			}

		});
	}

	/**
	 * Refuses an enum string that {@link String#trim()} would change, before Jackson's
	 * own enum deserializer trims it and finds a constant; the rest of the lookup is
	 * exact.
	 */
	private static final class UntrimmedEnumDeserializer extends DelegatingDeserializer {

		UntrimmedEnumDeserializer(ValueDeserializer<?> delegate) {
			super(delegate);
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
			return new UntrimmedEnumDeserializer(delegate);
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.hasToken(JsonToken.VALUE_STRING)) {
				String text = parser.getString();
				if (text.trim().length() != text.length()) {
					return context.handleWeirdStringValue(handledType(), text, "not an exact enum name");
				}
			}
			return super.deserialize(parser, context);
		}

	}

	/**
	 * Strict for a field of a request body (a bean or record property). A value with no
	 * property, such as one of the actuator's {@code Map<String, String>} operation
	 * arguments ({@code {"ratio": 1.0}} on the management port's fault endpoint), still
	 * takes a number or boolean as its text, which the actuator then converts itself.
	 */
	private static final class StorableStringDeserializer extends StdScalarDeserializer<String> {

		private final boolean property;

		StorableStringDeserializer() {
			this(true);
		}

		private StorableStringDeserializer(boolean property) {
			super(String.class);
			this.property = property;
		}

		@Override
		public ValueDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
			return new StorableStringDeserializer(property != null);
		}

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			if (!parser.hasToken(JsonToken.VALUE_STRING)) {
				if (!this.property && parser.currentToken().isScalarValue() && !parser.hasToken(JsonToken.VALUE_NULL)) {
					return parser.getString();
				}
				return (String) context.handleUnexpectedToken(String.class, parser);
			}
			String text = parser.getString();
			if (!StorableText.isStorable(text)) {
				throw new UnstorableTextException(parser);
			}
			return text;
		}

		@Override
		public LogicalType logicalType() {
			return LogicalType.Textual;
		}

	}

	/** A string value holding NUL or an unpaired surrogate; never carries the value. */
	static final class UnstorableTextException extends MismatchedInputException {

		UnstorableTextException(JsonParser parser) {
			super(parser, "String holds a character that cannot be stored", String.class);
		}

	}

}
