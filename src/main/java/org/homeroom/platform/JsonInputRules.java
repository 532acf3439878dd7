package org.homeroom.platform;

import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Applies the {@link InputRules} to every string and date read from JSON, wherever it sits in a
 * request body (a field, a list, a map's values). A refusal stops the read with the path of the
 * value, so the API answers 400 naming the field, e.g. {@code audience.grades[0]}.
 */
@Component
class JsonInputRules extends SimpleModule {

	JsonInputRules() {
		super("homeroom-input-rules");
		setDeserializerModifier(new ValueDeserializerModifier() {
			@Override
			public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
					BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
				Class<?> type = deserializer.handledType();
				return type == String.class || InputRules.DATE_TYPES.contains(type) ? new Checked(deserializer)
						: deserializer;
			}
		});
	}

	/** What the JSON reader throws for a value the rules refuse; its message is written for the caller. */
	static final class RefusedJsonInput extends MismatchedInputException {

		private final String reason;

		RefusedJsonInput(JsonParser parser, String reason, Class<?> type) {
			super(parser, reason, type);
			this.reason = reason;
		}

		String reason() {
			return reason;
		}
	}

	private static final class Checked extends DelegatingDeserializer {

		Checked(ValueDeserializer<?> delegate) {
			super(delegate);
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
			return new Checked(delegate);
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
			Object value = super.deserialize(parser, context);
			String reason = InputRules.refusal(value).orElse(null);
			if (reason != null) {
				throw new RefusedJsonInput(parser, reason, handledType());
			}
			return value;
		}
	}
}
