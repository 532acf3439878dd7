package org.homeroom.directory;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.homeroom.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * A family's start page: all their children in one place, whichever schools they attend, each
 * shown only as far as the access policy allows (a no-records restriction hides a child entirely).
 */
@Controller
class MyChildrenPageController {

	private final Directory directory;

	private final DirectoryRecords records;

	MyChildrenPageController(Directory directory, DirectoryRecords records) {
		this.directory = directory;
		this.records = records;
	}

	@GetMapping("/my-children")
	String myChildren(Viewer viewer, Model model) {
		List<StudentView> children = records.childrenOf(viewer, viewer.name(), "page");
		model.addAttribute("children", children);
		model.addAttribute("schoolNames",
				directory.schools().stream().collect(Collectors.toMap(SchoolView::id, SchoolView::name)));
		return "directory/my-children";
	}

	@Bean
	static NavigationItem myChildrenNavigation() {
		return new NavigationItem("nav.my-children", "/my-children", 1, Set.of("FAMILY"));
	}
}
