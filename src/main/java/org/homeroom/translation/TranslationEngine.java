package org.homeroom.translation;

import java.util.List;
import java.util.Set;

/**
 * The port to a machine-translation engine. Languages are BCP 47 primary tags as the directory keeps
 * them ({@code en}, {@code es}, {@code zh}); an engine maps them to its own codes. Both methods are
 * network calls: never call them inside a database transaction.
 */
public interface TranslationEngine {

	/** The engine's name in settings and routes: {@code libretranslate}, {@code apertium} or {@code google}. */
	String name();

	/** Where the text goes, for the administrator's page: the engine's address, never its key. */
	String destination();

	/** The pairs the engine says it serves, asked of the engine itself. */
	Set<LanguagePair> languages();

	/**
	 * Translates each text, in order, in one request. The texts are plain text; placeholders and
	 * glossary terms were protected by the caller.
	 *
	 * @throws TranslationEngineException when the engine refuses, fails or cannot be reached
	 */
	List<String> translate(List<String> texts, String source, String target);
}
