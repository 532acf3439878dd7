package org.homeroom.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;
import org.homeroom.platform.Paging;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The security log, for district administrators: what happened to which account, newest first. */
@Controller
class SecurityLogPageController {

	private final SecurityLog log;

	SecurityLogPageController(SecurityLog log) {
		this.log = log;
	}

	@GetMapping("/security-log")
	String page(Authentication caller, @RequestParam(defaultValue = "") @Size(max = 320) String account,
			@RequestParam(defaultValue = "0") int page, HttpServletRequest request, Model model) {
		if (caller.getAuthorities().stream().noneMatch(role -> role.getAuthority().equals(Role.DISTRICT_ADMIN.authority()))) {
			throw new AccessDeniedException("The security log is for district administrators");
		}
		SecurityLog.Page events = log.page(account, page);
		model.addAttribute("account", account);
		model.addAttribute("events", events.events());
		model.addAttribute("paging",
				Paging.of(request, Math.max(page, 0), SecurityLog.PAGE_SIZE, events.total(), events.events().size()));
		return "accounts/security-log";
	}
}
