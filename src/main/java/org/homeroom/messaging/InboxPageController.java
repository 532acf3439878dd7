package org.homeroom.messaging;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.homeroom.directory.Directory;
import org.homeroom.directory.Viewer;
import org.homeroom.messaging.delivery.InterpreterLines;
import org.homeroom.messaging.delivery.LanguageVersions;
import org.homeroom.platform.NavigationBadge;
import org.homeroom.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A family's messages: the inbox, which updates itself while open, each message (reading it marks
 * it read), and the choice of which optional messages to get on which channel.
 */
@Controller
class InboxPageController {

	static final String INBOX = "/messages";

	private final FamilyInbox inbox;

	private final Directory directory;

	private final InboxEvents events;

	private final Announcements announcements;

	private final LanguageVersions versions;

	private final InterpreterLines interpreterLines;

	InboxPageController(FamilyInbox inbox, Directory directory, InboxEvents events, Announcements announcements,
			LanguageVersions versions, InterpreterLines interpreterLines) {
		this.versions = versions;
		this.interpreterLines = interpreterLines;
		this.announcements = announcements;
		this.inbox = inbox;
		this.directory = directory;
		this.events = events;
	}

	@GetMapping(INBOX)
	String inbox(Viewer viewer, Model model) {
		model.addAttribute("messages", inbox.inbox(viewer.name(), viewer.guardianIds(), InboxApiController.NEWEST));
		return "messaging/inbox";
	}

	/** The list alone, which the page fetches again when the unread count changes. */
	@GetMapping(INBOX + "/list")
	String list(Viewer viewer, Model model) {
		model.addAttribute("messages", inbox.inbox(viewer.name(), viewer.guardianIds(), InboxApiController.NEWEST));
		return "messaging/inbox :: list";
	}

	@GetMapping(path = INBOX + "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(Viewer viewer) {
		return events.subscribe(viewer.guardianIds());
	}

	@GetMapping(INBOX + "/{id}")
	String message(Viewer viewer, @PathVariable UUID id, Model model) {
		Set<UUID> guardians = viewer.guardianIds();
		InboxMessage message = inbox.inboxMessage(viewer.name(), guardians, id)
			.orElseThrow(() -> new org.homeroom.platform.NotFoundException("message"));
		inbox.markRead(guardians, id);
		model.addAttribute("message", message);
		// The label is in the message's language, the family's preference, whatever language the page is in.
		if (message.machineTranslated()) {
			model.addAttribute("translationLabel", versions.machineLabel(message.language()));
			model.addAttribute("showOriginal", versions.showOriginal(message.language()));
		}
		else if (message.untranslated()) {
			model.addAttribute("translationLabel", interpreterLines.forAnnouncement(message.language(), guardians));
		}
		return "messaging/message";
	}

	@GetMapping(INBOX + "/preferences")
	String preferences(Viewer viewer, Model model) {
		model.addAttribute("declined", inbox.declined(viewer.guardianIds()));
		model.addAttribute("categories", List.of(Category.GENERAL, Category.EVENT));
		// SMS is a choice only where the district has it (or in demo mode).
		model.addAttribute("channels", announcements.availableChannels());
		return "messaging/preferences";
	}

	/** Each box is one category on one channel, named {@code CATEGORY.CHANNEL}; a ticked box means "send me these". */
	@PostMapping(INBOX + "/preferences")
	String changePreferences(Viewer viewer, @RequestParam(name = "wanted", required = false) List<String> wanted,
			RedirectAttributes redirect) {
		inbox.choose(viewer.guardianIds(), wanted == null ? List.of() : wanted, announcements.availableChannels());
		redirect.addFlashAttribute("saved", true);
		return "redirect:" + INBOX + "/preferences";
	}

	@Bean
	static NavigationItem inboxNavigation() {
		return new NavigationItem("nav.messages", INBOX, 2, Set.of("FAMILY"));
	}

	@Bean
	static NavigationBadge unreadMessages(FamilyInbox inbox, Directory directory) {
		return new NavigationBadge() {

			@Override
			public String path() {
				return INBOX;
			}

			@Override
			public long count(Authentication user) {
				return inbox.unread(directory.viewerOf(user).guardianIds());
			}

			@Override
			public String liveUpdates() {
				return INBOX + "/stream";
			}
		};
	}
}
