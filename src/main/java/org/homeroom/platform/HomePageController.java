package org.homeroom.platform;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page after sign-in, and the administration page: a card for each place they lead. */
@Controller
class HomePageController {

	@GetMapping("/")
	String home() {
		return "home";
	}

	/** The tools for running the district that the user may use, one card each. */
	@GetMapping(LayoutInterceptor.ADMINISTRATION)
	String administration() {
		return "administration";
	}
}
