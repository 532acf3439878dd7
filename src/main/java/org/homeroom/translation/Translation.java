package org.homeroom.translation;

import java.util.List;

/**
 * A message's texts in one target language, and how they were made, so that what a family receives
 * can be labelled honestly and counted in the reports.
 *
 * @param language the target language as asked for (a BCP 47 tag)
 * @param texts the message's texts in that language, in the order given; for {@link Kind#UNTRANSLATED}
 *     the original texts, which the caller sends as they are. Placeholders such as
 *     {@code {guardianName}} are still in them, to be filled in per recipient.
 * @param kind how the texts were made
 * @param engine the engine's name for {@link Kind#MACHINE}, otherwise null
 */
public record Translation(String language, List<String> texts, Kind kind, String engine) {

	public Translation {
		texts = List.copyOf(texts);
	}

	/** How a translation was made. */
	public enum Kind {

		/** The message was written in this language. */
		ORIGINAL,

		/** Human-written text, shipped with Homeroom or written by the district (reserved for curated translations). */
		CURATED,

		/** A machine translation a reviewer approved (reserved for human review). */
		REVIEWED,

		/** Translated by the engine named in {@link Translation#engine()}; labelled as such to the reader. */
		MACHINE,

		/** No engine serves the language, or the engine failed: the texts are the original ones. */
		UNTRANSLATED
	}

	/** The text at a position: 0 for the first text given (e.g. the subject), 1 for the next. */
	public String text(int index) {
		return texts.get(index);
	}

	public boolean translated() {
		return kind != Kind.UNTRANSLATED;
	}
}
