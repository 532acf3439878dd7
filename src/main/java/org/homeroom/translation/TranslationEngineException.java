package org.homeroom.translation;

/** An engine refused, failed or could not be reached. The message names the engine, never its key. */
public class TranslationEngineException extends RuntimeException {

	public TranslationEngineException(String message) {
		super(message);
	}

	public TranslationEngineException(String message, Throwable cause) {
		super(message, cause);
	}
}
