package org.homeroom.messaging.textreplies;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.homeroom.directory.GuardianPhones;
import org.homeroom.messaging.conversations.Conversations;
import org.homeroom.messaging.sms.InboundText;
import org.homeroom.messaging.sms.InboundTexts;
import org.homeroom.messaging.conversations.ConversationClosedException;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Routes a family's text (never a keyword: the SMS channel answers those and does not hand them
 * on) into the conversation it answers, and only when that is certain: the number belongs to one
 * guardian, who has one child and one open thread with activity in the last 14 days. A number
 * nobody has, or that several guardians share, leaves the text in the school office's queue,
 * unseen by any family. Several children or several recent threads make it ambiguous: the text
 * waits in the office queue and the family is texted a numbered menu ({@link ReplyMenus}); their
 * number then routes it, and any other reply of theirs waiting on the menu, into the chosen thread.
 */
@Component
class TextReplyRouter implements InboundTexts {

	static final Duration RECENT = Duration.ofDays(14);

	private static final Logger log = LoggerFactory.getLogger(TextReplyRouter.class);

	private static final Pattern CHOICE = Pattern.compile("\\s*#?([1-9])\\s*[.)]?\\s*");

	private final GuardianPhones phones;

	private final Conversations conversations;

	private final TextReplyStore store;

	private final ReplyMenus menus;

	private final TransactionTemplate transaction;

	private final Clock clock;

	TextReplyRouter(GuardianPhones phones, Conversations conversations, TextReplyStore store, ReplyMenus menus,
			TransactionTemplate transaction, Clock clock) {
		this.phones = phones;
		this.conversations = conversations;
		this.store = store;
		this.menus = menus;
		this.transaction = transaction;
		this.clock = clock;
	}

	@Override
	public void received(InboundText text) {
		List<UUID> guardians = phones.guardiansWithPhone(text.from());
		if (guardians.size() != 1) {
			log.debug("Text {} waits for the school office: {} guardians have its number", text.id(), guardians.size());
			return;
		}
		UUID guardian = guardians.get(0);
		Matcher choice = CHOICE.matcher(text.body());
		if (choice.matches()) {
			Optional<TextReplyStore.OpenMenu> menu = store.openMenu(guardian, text.from(), clock.instant().minus(RECENT));
			if (menu.isPresent()) {
				answered(text, guardian, menu.get(), Integer.parseInt(choice.group(1)));
				return;
			}
		}
		List<UUID> threads = conversations.openConversationsOf(guardian, RECENT);
		if (threads.isEmpty()) {
			log.debug("Text {} waits for the school office: no open conversation", text.id());
			return;
		}
		if (threads.size() == 1 && phones.childrenOf(guardian).size() == 1) {
			into(text.id(), text.body(), guardian, threads.get(0), "sms");
			return;
		}
		menus.offer(text, guardian, threads);
	}

	/** The family answered a menu: every reply of theirs waiting on it goes into the thread they chose. */
	private void answered(InboundText answer, UUID guardian, TextReplyStore.OpenMenu menu, int choice) {
		if (choice > menu.options().size()) {
			transaction.executeWithoutResult(status -> {
				store.close(answer.id(), "MENU_CHOICE", "sms");
				menus.again(answer.from(), guardian, menu.options());
			});
			return;
		}
		UUID thread = menu.options().get(choice - 1);
		store.close(answer.id(), "MENU_CHOICE", "sms");
		for (UUID reply : menu.waitingReplies()) {
			menus.waitingText(reply).ifPresent(body -> {
				if (into(reply, body, guardian, thread, "sms:menu")) {
					store.menuAnswered(reply);
				}
			});
		}
	}

	/**
	 * Posts the text into the thread as the guardian and marks it routed, both or neither. The
	 * conversation checks the guardian may still write there; if not, the text stays for the office.
	 */
	boolean into(UUID textId, String body, UUID guardian, UUID thread, String by) {
		try {
			return Boolean.TRUE.equals(transaction.execute(status -> {
				if (!store.route(textId, thread, by)) {
					return false;
				}
				store.became(textId, conversations.postFromGuardian(guardian, thread, body));
				return true;
			}));
		}
		catch (NotFoundException | AccessDeniedException | ConversationClosedException | InvalidInputException ex) {
			log.info("Text {} waits for the school office: it could not go into its conversation ({})", textId,
					ex.getClass().getSimpleName());
			return false;
		}
	}
}
