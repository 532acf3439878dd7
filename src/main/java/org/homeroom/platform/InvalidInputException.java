package org.homeroom.platform;

/**
 * Input that breaks a domain rule, naming the field it concerns. The API answers 400 with the
 * field; a page shows the message beside that field.
 */
public class InvalidInputException extends RuntimeException {

	private final String field;

	public InvalidInputException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}
}
