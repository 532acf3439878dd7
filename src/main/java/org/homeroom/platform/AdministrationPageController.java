package org.homeroom.platform;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The administration page: a card for each place it leads. The start page, {@code /}, is the
 * {@code home} module's, which needs what the higher modules know.
 */
@Controller
class AdministrationPageController {

	/** The tools for running the district that the user may use, one card each. */
	@GetMapping(LayoutInterceptor.ADMINISTRATION)
	String administration() {
		return "administration";
	}
}
