/**
 * The clients of the translation engines behind {@link org.homeroom.translation.TranslationEngine}:
 * LibreTranslate and Apertium APy (both self-hosted) and Google Cloud Translation v2 (outside the
 * district). Each exists only when configured, talks HTTP with short timeouts, and reports every
 * failure as a {@link org.homeroom.translation.TranslationEngineException} naming the engine,
 * never its key.
 */
package org.homeroom.translation.engines;
