package org.homeroom.translation;

/** A direction an engine translates in, as BCP 47 primary tags: {@code en} to {@code es}. */
public record LanguagePair(String source, String target) {

	public LanguagePair {
		if (source == null || source.isBlank() || target == null || target.isBlank()) {
			throw new IllegalArgumentException("a language pair needs a source and a target");
		}
	}
}
