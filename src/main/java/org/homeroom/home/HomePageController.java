package org.homeroom.home;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.homeroom.accounts.Accounts;
import org.homeroom.directory.ChildTeachers;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DirectoryRecords;
import org.homeroom.directory.Disclosures;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.FamilyContact;
import org.homeroom.directory.FamilyDetails;
import org.homeroom.directory.SchoolView;
import org.homeroom.directory.StudentView;
import org.homeroom.directory.Viewer;
import org.homeroom.messaging.FamilyFeed;
import org.homeroom.messaging.RecentAnnouncements;
import org.homeroom.platform.NotFoundException;
import org.homeroom.platform.Paging;
import org.homeroom.tasks.TasksDue;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /}: a family's feed, a member of staff's work, or (for anyone else) the map of places the
 * navigation leads to. A family may narrow its feed to one child with {@code ?child=}.
 */
@Controller
class HomePageController {

	/** How many tasks and announcements the staff home shows; the rest are a link away. */
	static final int STAFF_LINES = 5;

	private final DirectoryRecords records;

	private final Directory directory;

	private final ChildTeachers teachers;

	private final FamilyDetails families;

	private final Accounts accounts;

	private final FamilyFeed feed;

	private final RecentAnnouncements announcements;

	private final TasksDue tasks;

	private final DistrictClock clock;

	private final HomeConversations conversations;

	private final Disclosures disclosures;

	HomePageController(DirectoryRecords records, Directory directory, ChildTeachers teachers, FamilyDetails families,
			Accounts accounts, FamilyFeed feed, RecentAnnouncements announcements, TasksDue tasks, DistrictClock clock,
			HomeConversations conversations, Disclosures disclosures) {
		this.records = records;
		this.directory = directory;
		this.teachers = teachers;
		this.families = families;
		this.accounts = accounts;
		this.feed = feed;
		this.announcements = announcements;
		this.tasks = tasks;
		this.clock = clock;
		this.conversations = conversations;
		this.disclosures = disclosures;
	}

	@GetMapping("/")
	String home(Viewer viewer, @RequestParam(required = false) UUID child, @RequestParam(defaultValue = "0") int page,
			HttpServletRequest request, Model model) {
		if (viewer.hasRole("FAMILY")) {
			return familyHome(viewer, child, page, request, model);
		}
		if (viewer.staff()) {
			return staffHome(viewer, model);
		}
		return "home";
	}

	/**
	 * The page's reads (children, feed, conversations) run together, so that the access log gets
	 * them as one event, published in one transaction with the reads, rather than one per section.
	 */
	private String familyHome(Viewer viewer, UUID child, int page, HttpServletRequest request, Model model) {
		return disclosures.together(() -> familyHomeReads(viewer, child, page, request, model));
	}

	private String familyHomeReads(Viewer viewer, UUID child, int page, HttpServletRequest request, Model model) {
		List<StudentView> children = records.childrenOf(viewer, viewer.name(), "home");
		StudentView about = child == null ? null
				: children.stream().filter(shown -> shown.id().equals(child)).findFirst()
					.orElseThrow(() -> new NotFoundException("student"));
		FamilyFeed.Page messages = feed.feed(viewer.name(), viewer.guardianIds(), child, page);
		model.addAttribute("children", children);
		model.addAttribute("about", about);
		model.addAttribute("feed", messages);
		model.addAttribute("paging", Paging.of(request, page, FamilyFeed.PAGE_SIZE, messages.total(), messages.messages().size()));
		model.addAttribute("teachers", teachers.of(viewer, children.stream().map(StudentView::id).toList()));
		model.addAttribute("schoolNames", schoolNames());
		model.addAttribute("welcome", welcomeUnfinished(viewer));
		model.addAttribute("conversations", conversationsFor(viewer));
		return "home/family";
	}

	private String staffHome(Viewer viewer, Model model) {
		model.addAttribute("awaitingReply", conversationsFor(viewer));
		model.addAttribute("tasksDue", tasks.assignedTo(viewer, STAFF_LINES));
		model.addAttribute("today", clock.today());
		model.addAttribute("announcements", announcements.last(viewer, STAFF_LINES));
		return "home/staff";
	}

	/** For a family, its threads with a message it has not read; for staff, the replies waiting for an answer. */
	List<ConversationLine> conversationsFor(Viewer viewer) {
		return conversations.linesFor(viewer);
	}

	/** The welcome stays offered until it is finished or skipped, or while staff-entered contacts wait to be confirmed. */
	private boolean welcomeUnfinished(Viewer viewer) {
		return !accounts.welcomeSettled(viewer.name()) || (!viewer.guardianIds().isEmpty()
				&& families.familyContacts(viewer).stream().anyMatch(FamilyContact::enteredByStaff));
	}

	private Map<UUID, String> schoolNames() {
		return directory.schools().stream().collect(Collectors.toMap(SchoolView::id, SchoolView::name));
	}
}
