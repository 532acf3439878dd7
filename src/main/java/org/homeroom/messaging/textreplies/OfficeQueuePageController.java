package org.homeroom.messaging.textreplies;

import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NavigationItem;
import org.homeroom.platform.Paging;
import org.homeroom.shared.StaffRoles;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The school office's queue of texts families sent that were not routed for sure: file one into a
 * thread of the guardian's, or dismiss it after a confirmation. For school administrators, family
 * liaisons and district administrators (see {@link OfficeQueue}).
 */
@Controller
@Validated
class OfficeQueuePageController {

	static final String PATH = "/conversations/office-queue";

	static final int PAGE_SIZE = 20;

	private final OfficeQueue queue;

	OfficeQueuePageController(OfficeQueue queue) {
		this.queue = queue;
	}

	@GetMapping(PATH)
	String queue(Viewer viewer, @RequestParam(defaultValue = "0") @Min(0) @Max(Paging.MAX_PAGE) int page,
			HttpServletRequest request, Model model) {
		OfficeQueue.Page texts = queue.page(viewer.requireStaff("The office queue is for school offices"), page, PAGE_SIZE);
		model.addAttribute("texts", texts);
		model.addAttribute("paging", Paging.of(request, page, PAGE_SIZE, texts.total(), texts.items().size()));
		return "conversations/office-queue";
	}

	@PostMapping(PATH + "/{id}/file")
	String file(Viewer viewer, @PathVariable UUID id, @RequestParam(required = false) UUID conversationId,
			RedirectAttributes redirect) {
		viewer.requireStaffFor("text");
		if (conversationId == null) {
			throw new InvalidInputException("conversationId", "Choose the conversation to file the text in");
		}
		redirect.addFlashAttribute("filed", queue.file(viewer, id, conversationId));
		return "redirect:" + PATH;
	}

	@GetMapping(PATH + "/{id}/dismiss")
	String confirmDismiss(Viewer viewer, @PathVariable UUID id, Model model) {
		model.addAttribute("text", queue.text(viewer.requireStaffFor("text"), id));
		return "conversations/office-queue-dismiss";
	}

	@PostMapping(PATH + "/{id}/dismiss")
	String dismiss(Viewer viewer, @PathVariable UUID id, RedirectAttributes redirect) {
		redirect.addFlashAttribute("dismissed", queue.dismiss(viewer.requireStaffFor("text"), id));
		return "redirect:" + PATH;
	}

	@Bean
	static NavigationItem officeQueueNavigation() {
		return NavigationItem.administration("textreplies.nav", PATH, 61,
				Set.of("SCHOOL_ADMIN", "FAMILY_LIAISON", StaffRoles.DISTRICT_ADMIN));
	}
}
