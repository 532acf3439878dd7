package org.homeroom.home;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A conversation as a home page lists it: for a family, a thread with a new message; for staff, a
 * family's reply waiting for an answer. Filled in from the conversations of {@code messaging} once
 * they exist (see {@link HomePageController#conversationsFor}).
 *
 * @param studentName the child the thread is about
 * @param with who is on the other side ("Ms. Rivera, 3rd-grade teacher", or the guardian's name)
 * @param excerpt the start of the newest message, in the family's language when it was translated
 * @param href where the thread opens (with the original one tap away)
 * @param translation {@code MACHINE} when the excerpt is a machine translation, {@code UNTRANSLATED}
 *     when no engine could translate the message, null otherwise
 * @param writtenIn the language the message was written in, when {@code translation} is set
 */
public record ConversationLine(UUID id, String studentName, String with, String excerpt, Instant at, String href,
		String translation, String writtenIn) {

	/** The language the message was written in, named in the reader's language ("English"). */
	public String writtenInName(Locale reader) {
		if (writtenIn == null) {
			return null;
		}
		String name = Locale.forLanguageTag(writtenIn).getDisplayLanguage(reader);
		return name.isEmpty() ? writtenIn : name;
	}
}
