package org.homeroom.platform;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page after sign-in: a card for each place the user's navigation leads. */
@Controller
class HomePageController {

	@GetMapping("/")
	String home() {
		return "home";
	}
}
