package org.homeroom.messaging.conversations;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.homeroom.directory.Directory;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NavigationBadge;
import org.homeroom.platform.NavigationItem;
import org.homeroom.platform.NotFoundException;
import org.homeroom.platform.Paging;
import org.homeroom.shared.StaffRoles;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
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
 * Staff's conversation pages: their threads (searchable by student, "unanswered" first to hand),
 * one thread with its reply form, which updates itself while open, and "Message the family" from a
 * student's page. A family's pages are {@link FamilyConversationPageController}.
 */
@Controller
@Validated
class ConversationPageController {

	static final String PATH = "/conversations";

	static final String PURPOSE = "conversations page";

	static final int PAGE_SIZE = 25;

	private final Conversations conversations;

	private final ConversationReads reads;

	private final ConversationEvents events;

	private final ConversationStore store;

	private final Directory directory;

	private final ReplyLanguageSuggestions languageSuggestions;

	private final ConversationTranslations translations;

	ConversationPageController(Conversations conversations, ConversationReads reads, ConversationEvents events,
			ConversationStore store, Directory directory, ReplyLanguageSuggestions languageSuggestions,
			ConversationTranslations translations) {
		this.translations = translations;
		this.languageSuggestions = languageSuggestions;
		this.conversations = conversations;
		this.reads = reads;
		this.events = events;
		this.store = store;
		this.directory = directory;
	}

	@GetMapping(PATH)
	String list(Viewer viewer, @RequestParam(required = false) @Size(max = 200) String q,
			@RequestParam(defaultValue = "false") boolean unanswered,
			@RequestParam(defaultValue = "0") @Min(0) @Max(Paging.MAX_PAGE) int page, HttpServletRequest request,
			Model model) {
		viewer.requireStaff("Conversations with families are for staff");
		ConversationSummary.Page threads = reads.list(viewer, PURPOSE, null, q, unanswered, page, PAGE_SIZE);
		model.addAttribute("threads", threads);
		model.addAttribute("q", q);
		model.addAttribute("unanswered", unanswered);
		model.addAttribute("paging", Paging.of(request, page, PAGE_SIZE, threads.total(), threads.items().size()));
		return "conversations/list";
	}

	@GetMapping(PATH + "/{id}")
	String thread(Viewer viewer, @PathVariable UUID id, Locale locale, Model model) {
		// Read (and logged) in its own transaction, then the family's replies in the reader's language outside any.
		ConversationView thread = translations.forReader(reads.thread(viewer.requireStaffFor("conversation"), PURPOSE, id),
				viewer);
		model.addAttribute("thread", thread);
		// Staff only: whether a guardian of the thread seems to write in another language than the one on record.
		model.addAttribute("languageSuggestions", store.find(id)
			.map(row -> languageSuggestions.forGuardians(row.guardians(), locale)).orElse(List.of()));
		model.addAttribute("base", PATH);
		return "conversations/thread";
	}

	/** The messages alone, which the thread page fetches again when its stream says a message arrived. */
	@GetMapping(PATH + "/{id}/messages")
	String messages(Viewer viewer, @PathVariable UUID id, Model model) {
		model.addAttribute("thread",
				translations.forReader(reads.thread(viewer.requireStaffFor("conversation"), PURPOSE, id), viewer));
		model.addAttribute("base", PATH);
		return "conversations/thread :: messages";
	}

	@GetMapping(path = PATH + "/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(Viewer viewer, @PathVariable UUID id) {
		ConversationStore.Row thread = store.find(id).orElseThrow(() -> new NotFoundException("conversation"));
		if (!viewer.staff() || !reads.mayRead(viewer, thread)) {
			throw new NotFoundException("conversation");
		}
		return events.subscribe(id, () -> store.shownCount(id));
	}

	/** The staff member's count of unanswered threads, live, for the navigation badge. */
	@GetMapping(path = PATH + "/badge", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter badge(Viewer viewer) {
		viewer.requireStaff("Conversations with families are for staff");
		return events.subscribe(null, () -> reads.unansweredCount(viewer));
	}

	@PostMapping(PATH + "/{id}")
	String reply(Viewer viewer, @PathVariable UUID id, @RequestParam(required = false) @Size(max = 20000) String body,
			@RequestParam(required = false) UUID corrects,
			@RequestParam(name = "attachments", required = false) List<MultipartFile> attachments,
			RedirectAttributes redirect) {
		viewer.requireStaffFor("conversation");
		return ConversationForms.posted(redirect, PATH + "/" + id,
				() -> conversations.post(viewer, id, body, corrects, attachments), body);
	}

	/** Closing asks for a confirmation first: the box "close it" must be ticked, or nothing changes. */
	@PostMapping(PATH + "/{id}/close")
	String close(Viewer viewer, @PathVariable UUID id, @RequestParam(defaultValue = "false") boolean confirm,
			RedirectAttributes redirect) {
		viewer.requireStaffFor("conversation");
		if (!confirm) {
			reads.thread(viewer, PURPOSE, id);
			redirect.addFlashAttribute("error", "confirm");
			return "redirect:" + PATH + "/" + id;
		}
		conversations.close(viewer, id);
		redirect.addFlashAttribute("closed", true);
		return "redirect:" + PATH + "/" + id;
	}

	/** A school administrator marks a report dealt with, once they confirm it. */
	@PostMapping(PATH + "/reports/{reportId}/resolve")
	String resolve(Viewer viewer, @PathVariable UUID reportId, @RequestParam(defaultValue = "false") boolean confirm,
			RedirectAttributes redirect) {
		viewer.requireStaff("Reports are for administrators");
		if (!confirm) {
			reads.reports(viewer, PURPOSE);
			redirect.addFlashAttribute("error", "confirm");
			return "redirect:" + PATH + "/reports";
		}
		conversations.resolveReport(viewer, reportId);
		redirect.addFlashAttribute("resolved", true);
		return "redirect:" + PATH + "/reports";
	}

	@PostMapping(PATH + "/{id}/messages/{messageId}/report")
	String report(Viewer viewer, @PathVariable UUID id, @PathVariable UUID messageId,
			@RequestParam(required = false) @Size(max = 1000) String reason, RedirectAttributes redirect) {
		conversations.report(viewer.requireStaffFor("conversation"), id, messageId, reason);
		redirect.addFlashAttribute("reported", true);
		return "redirect:" + PATH + "/" + id;
	}

	@GetMapping(PATH + "/reports")
	String reports(Viewer viewer, Model model) {
		model.addAttribute("reports", reads.reports(viewer.requireStaff("Reports are for administrators"), PURPOSE));
		return "conversations/reports";
	}

	@GetMapping("/students/{studentId}/message")
	String startForm(Viewer viewer, @PathVariable UUID studentId, Model model) {
		viewer.requireStaffFor("student");
		model.addAttribute("guardians", conversations.guardiansToWrite(viewer, PURPOSE, studentId));
		model.addAttribute("studentId", studentId);
		model.addAttribute("studentName", directory.visibleStudentNames(viewer, Set.of(studentId)).get(studentId));
		return "conversations/start";
	}

	@PostMapping("/students/{studentId}/message")
	String start(Viewer viewer, @PathVariable UUID studentId, @RequestParam(required = false) UUID guardianId,
			@RequestParam(required = false) @Size(max = 20000) String body,
			@RequestParam(defaultValue = "false") boolean shared,
			@RequestParam(name = "attachments", required = false) List<MultipartFile> attachments, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		viewer.requireStaffFor("student");
		try {
			UUID id = conversations.start(viewer, studentId, guardianId, body, shared, attachments);
			redirect.addFlashAttribute("sent", true);
			return "redirect:" + PATH + "/" + id;
		}
		catch (InvalidInputException ex) {
			ConversationForms.refusedOnPage(ex, body, model, response);
			model.addAttribute("guardianId", guardianId);
			model.addAttribute("shared", shared);
			return startForm(viewer, studentId, model);
		}
	}

	@Bean
	static NavigationItem conversationsNavigation() {
		return new NavigationItem("conversations.nav", PATH, 35, StaffRoles.ALL);
	}

	@Bean
	static NavigationItem conversationReportsNavigation() {
		return NavigationItem.administration("conversations.nav.reports", PATH + "/reports", 60,
				Set.of("SCHOOL_ADMIN", StaffRoles.DISTRICT_ADMIN));
	}

	@Bean
	static NavigationBadge unansweredConversations(ConversationReads reads, Directory directory) {
		return new NavigationBadge() {

			@Override
			public String path() {
				return PATH;
			}

			@Override
			public long count(Authentication user) {
				return reads.unansweredCount(directory.viewerOf(user));
			}

			@Override
			public String liveUpdates() {
				return PATH + "/badge";
			}
		};
	}
}
