package org.homeroom.translation;

/**
 * A reviewer approved a translation into {@code language}: messages waiting for it may go now.
 *
 * @param language the primary language tag (e.g. {@code es})
 */
public record TranslationApproved(String language) {
}
