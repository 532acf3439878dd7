package org.homeroom.messaging.conversations;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.homeroom.directory.ConversationParties;
import org.homeroom.messaging.conversations.ConversationStore.MessageRow;
import org.homeroom.messaging.conversations.ConversationStore.Row;
import org.homeroom.messaging.officehours.OfficeHours;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The automatic answer a family gets when it writes outside office hours: a SYSTEM message in the
 * thread, in the writing guardian's language, saying when to expect a reply. It goes once per
 * closed period, not once per message: the thread keeps when the period it answered ends (the next
 * opening), and a family writing again before then gets nothing more.
 *
 * <p>A thread to the school's office is answered by its administrators and family liaisons; the
 * office counts as open while any one of them is in office hours (someone can answer), and when
 * none is, the answer names the office and the earliest of their next openings. An office with
 * nobody on record sends no answer: no reply time could be promised.
 */
@Component
class AutomaticAnswers {

	private final OfficeHours officeHours;

	private final ConversationParties parties;

	private final ConversationStore store;

	private final ConversationNotices notices;

	private final MessageSource words;

	AutomaticAnswers(OfficeHours officeHours, ConversationParties parties, ConversationStore store,
			ConversationNotices notices, MessageSource words) {
		this.officeHours = officeHours;
		this.parties = parties;
		this.store = store;
		this.notices = notices;
		this.words = words;
	}

	/**
	 * Answers the guardian's message posted at {@code at}, in the posting transaction (the thread's
	 * row is locked by then, so two messages at once make one answer). Answers the SYSTEM message's
	 * id, or empty when staff are in office hours or the period was answered already.
	 */
	Optional<UUID> afterFamilyWrote(Row thread, UUID guardianId, Instant at) {
		if (thread.autoAnsweredUntil() != null && at.isBefore(thread.autoAnsweredUntil())) {
			return Optional.empty();
		}
		List<UUID> answerers = "OFFICE".equals(thread.addressedTo())
				? parties.staffAt(thread.schoolId(), ConversationParties.OFFICE_ROLES).stream()
					.map(ConversationParties.StaffCard::id).toList()
				: List.of(thread.staffId());
		if (answerers.isEmpty() || answerers.stream().anyMatch(staff -> officeHours.open(staff, at))) {
			return Optional.empty();
		}
		UUID first = answerers.stream()
			.min(Comparator.comparing((UUID staff) -> opening(staff, at)).thenComparing(UUID::toString)).orElseThrow();
		Locale language = parties.guardian(guardianId).map(ConversationParties.GuardianCard::preferredLanguage)
			.filter(tag -> tag != null && !tag.isBlank()).map(Locale::forLanguageTag).orElse(Locale.ENGLISH);
		String name = "OFFICE".equals(thread.addressedTo()) ? words.getMessage("conversations.office", null, language)
				: parties.staffCard(first, thread.studentId()).map(ConversationParties.StaffCard::name).orElse(null);
		if (name == null) {
			return Optional.empty();
		}
		Optional<String> answer = officeHours.automaticAnswer(first, name, at, language);
		if (answer.isEmpty()) {
			return Optional.empty();
		}
		String body = answer.get().length() > Conversations.MAX_BODY ? answer.get().substring(0, Conversations.MAX_BODY)
				: answer.get();
		// A millisecond after the family's message, so that it is shown after it.
		Instant answeredAt = at.plusMillis(1);
		MessageRow message = new MessageRow(UUID.randomUUID(), "SYSTEM", null, null, name, "SYSTEM", null, body, answeredAt,
				answeredAt, null, null);
		store.insert(thread.id(), message);
		store.autoAnswered(thread.id(), opening(first, at));
		notices.posted(thread, message.id(), "SYSTEM", List.of(guardianId));
		return Optional.of(message.id());
	}

	private Instant opening(UUID staffId, Instant at) {
		return officeHours.nextOpening(staffId, at).map(ZonedDateTime::toInstant).orElse(Instant.MAX);
	}
}
