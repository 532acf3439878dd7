package org.homeroom.messaging.textreplies;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.homeroom.directory.ConversationParties;
import org.homeroom.directory.Viewer;
import org.homeroom.messaging.conversations.ConversationReads;
import org.homeroom.messaging.conversations.ConversationSummary;
import org.homeroom.messaging.sms.InboundText;
import org.homeroom.messaging.sms.SmsInbox;
import org.homeroom.messaging.sms.SmsOutbox;
import org.homeroom.translation.CuratedTexts;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The numbered menu that asks a family which thread their text answers: "Which conversation is
 * your text about? Reply 1 for Tess Rivera (Ana), 2 for the school office (Omar)." in the
 * guardian's language. At most 9 threads, newest first. A reply that comes while a menu waits
 * joins it rather than sending another.
 */
@Component
class ReplyMenus {

	static final String PURPOSE = "SMS_REPLY_MENU";

	private static final int MOST_OPTIONS = 9;

	private final TextReplyStore store;

	private final ConversationReads reads;

	private final ConversationParties parties;

	private final SmsOutbox outbox;

	private final SmsInbox inbox;

	private final CuratedTexts words;

	private final Clock clock;

	ReplyMenus(TextReplyStore store, ConversationReads reads, ConversationParties parties, SmsOutbox outbox, SmsInbox inbox,
			CuratedTexts words, Clock clock) {
		this.store = store;
		this.reads = reads;
		this.parties = parties;
		this.outbox = outbox;
		this.inbox = inbox;
		this.words = words;
		this.clock = clock;
	}

	/** Keeps the reply waiting on a menu of the threads, texting the menu unless one is waiting already. */
	@Transactional
	void offer(InboundText text, UUID guardian, List<UUID> threads) {
		Optional<TextReplyStore.OpenMenu> open = store.openMenu(guardian, text.from(),
				clock.instant().minus(TextReplyRouter.RECENT));
		if (open.isPresent()) {
			store.holdOnMenu(text.id(), guardian, text.from(), open.get().options());
			return;
		}
		List<UUID> options = threads.subList(0, Math.min(threads.size(), MOST_OPTIONS));
		store.holdOnMenu(text.id(), guardian, text.from(), options);
		send(text.from(), guardian, options);
	}

	/** Texts the menu again (the family answered with a number it does not hold). */
	@Transactional
	void again(String phone, UUID guardian, List<UUID> options) {
		send(phone, guardian, options);
	}

	/** The body of a reply still waiting, if it is. */
	Optional<String> waitingText(UUID textId) {
		return inbox.text(textId).map(InboundText::body);
	}

	private void send(String phone, UUID guardian, List<UUID> options) {
		String language = parties.guardian(guardian).map(ConversationParties.GuardianCard::preferredLanguage).orElse("en");
		Locale locale = Locale.forLanguageTag(language);
		// The family's own threads, as the family may see them; the read is in the access log.
		Map<UUID, ConversationSummary> theirs = reads
			.list(Viewer.guardian(guardian).named("sms:" + guardian), "SMS reply menu", null, null, false, 0, 50)
			.items().stream().collect(Collectors.toMap(ConversationSummary::id, Function.identity()));
		List<String> choices = new ArrayList<>();
		for (int i = 0; i < options.size(); i++) {
			ConversationSummary thread = theirs.get(options.get(i));
			String child = thread == null || thread.studentName() == null ? "" : thread.studentName().split(" ")[0];
			String with = thread == null ? words.text("textreplies.menu.thread", locale)
					: thread.staffName() != null ? thread.staffName()
							: words.text("textreplies.menu.office", locale);
			choices.add(words.text("textreplies.menu.option", locale, i + 1, with, child));
		}
		String body = words.text("textreplies.menu", locale, String.join(words.text("textreplies.menu.separator", locale), choices));
		outbox.queue(phone, body, language, PURPOSE, guardian.toString());
	}
}
