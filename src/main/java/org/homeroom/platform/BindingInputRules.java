package org.homeroom.platform;

import java.beans.PropertyEditorSupport;

import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Applies the {@link InputRules} to every request parameter, path variable and form field that
 * Spring converts to text or a date, on pages and API alike. A refused value is a type mismatch
 * for its field: a form shows the message beside the field ({@code typeMismatch.*} in the
 * bundles), the API answers 400 naming the parameter.
 */
@ControllerAdvice
class BindingInputRules {

	@InitBinder
	void applyInputRules(WebDataBinder binder) {
		binder.registerCustomEditor(String.class, new TextEditor());
		ConversionService conversions = binder.getConversionService();
		if (conversions != null) {
			InputRules.DATE_TYPES.forEach(type -> binder.registerCustomEditor(type, new DateEditor(type, conversions)));
		}
	}

	private static void check(Object value) {
		InputRules.refusal(value).ifPresent(reason -> {
			throw new InputRules.RefusedInput(reason);
		});
	}

	private static final class TextEditor extends PropertyEditorSupport {

		@Override
		public void setAsText(String text) {
			check(text);
			setValue(text);
		}
	}

	/** Reads a date as Spring would without this editor (ISO 8601), then checks its year. */
	private static final class DateEditor extends PropertyEditorSupport {

		private final Class<?> type;

		private final ConversionService conversions;

		DateEditor(Class<?> type, ConversionService conversions) {
			this.type = type;
			this.conversions = conversions;
		}

		@Override
		public void setAsText(String text) {
			if (text == null || text.isBlank()) {
				setValue(null);
				return;
			}
			Object value;
			try {
				value = conversions.convert(text.strip(), type);
			}
			catch (ConversionException ex) {
				throw new IllegalArgumentException("Not a date: " + type.getSimpleName(), ex);
			}
			check(value);
			setValue(value);
		}
	}
}
