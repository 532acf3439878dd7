package org.homeroom.messaging.conversations;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.homeroom.directory.Directory;
import org.homeroom.directory.Viewer;
import org.homeroom.messaging.delivery.InterpreterLines;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NavigationItem;
import org.homeroom.platform.NotFoundException;
import org.homeroom.platform.Paging;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A family's conversation pages: their threads, one thread with its reply form (live while open),
 * and writing to a child's teacher, counsellor or school office. Staff use
 * {@link ConversationPageController}'s pages instead; here they get 404.
 */
@Controller
@Validated
class FamilyConversationPageController {

	static final String PATH = "/family/conversations";

	private final Conversations conversations;

	private final ConversationReads reads;

	private final ConversationEvents events;

	private final ConversationStore store;

	private final Directory directory;

	private final ConversationTranslations translations;

	private final InterpreterLines interpreterLines;

	FamilyConversationPageController(Conversations conversations, ConversationReads reads, ConversationEvents events,
			ConversationStore store, Directory directory, ConversationTranslations translations,
			InterpreterLines interpreterLines) {
		this.translations = translations;
		this.interpreterLines = interpreterLines;
		this.conversations = conversations;
		this.reads = reads;
		this.events = events;
		this.store = store;
		this.directory = directory;
	}

	@GetMapping(PATH)
	String list(Viewer viewer, @RequestParam(defaultValue = "0") @Min(0) @Max(Paging.MAX_PAGE) int page,
			HttpServletRequest request, Model model) {
		family(viewer);
		ConversationSummary.Page threads = reads.list(viewer, ConversationPageController.PURPOSE, null, null, false, page,
				ConversationPageController.PAGE_SIZE);
		model.addAttribute("threads", threads);
		model.addAttribute("paging",
				Paging.of(request, page, ConversationPageController.PAGE_SIZE, threads.total(), threads.items().size()));
		return "conversations/family-list";
	}

	@GetMapping(PATH + "/{id}")
	String thread(Viewer viewer, @PathVariable UUID id, Model model) {
		shown(viewer, id, model);
		return "conversations/thread";
	}

	@GetMapping(PATH + "/{id}/messages")
	String messages(Viewer viewer, @PathVariable UUID id, Model model) {
		shown(viewer, id, model);
		return "conversations/thread :: messages";
	}

	/**
	 * Read (and logged) in its own transaction, then shown in the family's language outside any; a
	 * message no engine could translate comes with how to ask the school's office for an interpreter.
	 */
	private void shown(Viewer viewer, UUID id, Model model) {
		ConversationView thread = translations.forReader(reads.thread(family(viewer), ConversationPageController.PURPOSE, id),
				viewer);
		model.addAttribute("thread", thread);
		model.addAttribute("base", PATH);
		if (thread.messages().stream().anyMatch(message -> "UNTRANSLATED".equals(message.translationKind()))) {
			store.find(id).ifPresent(row -> model.addAttribute("interpreterLine",
					interpreterLines.forConversation(translations.readerLanguage(viewer), row.schoolId())));
		}
	}

	@GetMapping(path = PATH + "/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(Viewer viewer, @PathVariable UUID id) {
		ConversationStore.Row thread = store.find(id).orElseThrow(() -> new NotFoundException("conversation"));
		if (!reads.mayRead(family(viewer), thread)) {
			throw new NotFoundException("conversation");
		}
		return events.subscribe(id, () -> store.shownCount(id));
	}

	@PostMapping(PATH + "/{id}")
	String reply(Viewer viewer, @PathVariable UUID id, @RequestParam(required = false) @Size(max = 20000) String body,
			@RequestParam(name = "attachments", required = false) List<MultipartFile> attachments,
			RedirectAttributes redirect) {
		family(viewer);
		return ConversationForms.posted(redirect, PATH + "/" + id,
				() -> conversations.post(viewer, id, body, null, attachments), body);
	}

	@PostMapping(PATH + "/{id}/messages/{messageId}/report")
	String report(Viewer viewer, @PathVariable UUID id, @PathVariable UUID messageId,
			@RequestParam(required = false) @Size(max = 1000) String reason, RedirectAttributes redirect) {
		conversations.report(family(viewer), id, messageId, reason);
		redirect.addFlashAttribute("reported", true);
		return "redirect:" + PATH + "/" + id;
	}

	@GetMapping("/family/children/{studentId}/message")
	String startForm(Viewer viewer, @PathVariable UUID studentId, @RequestParam(required = false) UUID staffId,
			Model model) {
		List<Addressee> choices = conversations.addresseesFor(family(viewer), studentId);
		model.addAttribute("choices", choices);
		// The child's card links here with the teacher the family clicked: that teacher comes chosen.
		choices.stream().filter(choice -> staffId != null && staffId.equals(choice.id())).findFirst()
			.ifPresent(choice -> model.addAttribute("to", choice.to().name() + ":" + choice.id()));
		model.addAttribute("studentId", studentId);
		model.addAttribute("studentName", directory.visibleStudentNames(viewer, Set.of(studentId)).get(studentId));
		return "conversations/family-start";
	}

	/** The choice arrives as {@code TEACHER:<staff id>}, {@code COUNSELOR:<staff id>} or {@code OFFICE}. */
	@PostMapping("/family/children/{studentId}/message")
	String start(Viewer viewer, @PathVariable UUID studentId, @RequestParam(required = false) @Size(max = 60) String to,
			@RequestParam(required = false) @Size(max = 20000) String body,
			@RequestParam(name = "attachments", required = false) List<MultipartFile> attachments, Model model,
			HttpServletResponse response) {
		family(viewer);
		try {
			String[] choice = to == null ? new String[] { "" } : to.split(":", 2);
			Recipient recipient;
			UUID staffId;
			try {
				recipient = Recipient.valueOf(choice[0]);
				staffId = choice.length > 1 ? UUID.fromString(choice[1]) : null;
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("to", "Choose whom to write to");
			}
			UUID id = conversations.startFromFamily(viewer, studentId, recipient, staffId, body, attachments);
			return "redirect:" + PATH + "/" + id;
		}
		catch (InvalidInputException ex) {
			ConversationForms.refusedOnPage(ex, body, model, response);
			model.addAttribute("to", to);
			return startForm(viewer, studentId, null, model);
		}
	}

	private static Viewer family(Viewer viewer) {
		if (viewer.staff()) {
			throw new NotFoundException("conversation");
		}
		return viewer;
	}

	@Bean
	static NavigationItem familyConversationsNavigation() {
		return new NavigationItem("conversations.nav.family", PATH, 3, Set.of("FAMILY"));
	}
}
