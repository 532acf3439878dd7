package org.homeroom.platform;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The development outbox, as a page and as JSON. It is open without sign-in on purpose: in demo
 * mode a family reads its sign-in code here before it has an account. But what it shows depends on
 * the reader (see {@link DevOutbox.Readers}): all of it to a signed-in district administrator, to
 * anyone else only the messages to the demo district's example addresses. It does not exist
 * outside demo mode.
 */
@Controller
@ConditionalOnBooleanProperty("homeroom.demo.enabled")
class DevOutboxController {

	static final int PAGE_SIZE = 25;

	private static final String DISTRICT_ADMIN = "DISTRICT_ADMIN";

	private final DevOutbox outbox;

	DevOutboxController(DevOutbox outbox) {
		this.outbox = outbox;
	}

	@GetMapping("/dev/outbox")
	String page(@RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "0") int page, Model model,
			HttpServletRequest request) {
		int current = Math.max(page, 0);
		DevOutbox.Readers reader = reader(request);
		List<DevOutbox.OutboxMessage> messages = outbox.latest(to, reader, current * PAGE_SIZE, PAGE_SIZE + 1);
		model.addAttribute("onlyExampleAddresses", reader == DevOutbox.Readers.ANYONE);
		model.addAttribute("messages", messages.stream().limit(PAGE_SIZE).toList());
		model.addAttribute("to", to);
		model.addAttribute("page", current);
		model.addAttribute("hasNext", messages.size() > PAGE_SIZE);
		return "dev/outbox";
	}

	@GetMapping(path = "/dev/outbox.json", produces = "application/json")
	@ResponseBody
	List<DevOutbox.OutboxMessage> json(@RequestParam(defaultValue = "") String to,
			@RequestParam(defaultValue = "100") int limit, HttpServletRequest request) {
		return outbox.latest(to, reader(request), 0, Math.min(Math.max(limit, 1), 1000));
	}

	/** The role is the one the accounts module grants; this module knows it by name only. */
	private static DevOutbox.Readers reader(HttpServletRequest request) {
		return request.isUserInRole(DISTRICT_ADMIN) ? DevOutbox.Readers.DISTRICT_ADMINISTRATORS
				: DevOutbox.Readers.ANYONE;
	}
}
