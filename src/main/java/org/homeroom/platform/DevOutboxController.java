package org.homeroom.platform;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The development outbox, as a page and as JSON. It is open without sign-in on purpose: in demo
 * mode a family reads its sign-in code here before it has an account. It does not exist outside
 * demo mode.
 */
@Controller
@ConditionalOnBooleanProperty("homeroom.demo.enabled")
class DevOutboxController {

	static final int PAGE_SIZE = 25;

	private final DevOutbox outbox;

	DevOutboxController(DevOutbox outbox) {
		this.outbox = outbox;
	}

	@GetMapping("/dev/outbox")
	String page(@RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "0") int page, Model model) {
		int current = Math.max(page, 0);
		List<DevOutbox.OutboxMessage> messages = outbox.latest(to, current * PAGE_SIZE, PAGE_SIZE + 1);
		model.addAttribute("messages", messages.stream().limit(PAGE_SIZE).toList());
		model.addAttribute("to", to);
		model.addAttribute("page", current);
		model.addAttribute("hasNext", messages.size() > PAGE_SIZE);
		return "dev/outbox";
	}

	@GetMapping(path = "/dev/outbox.json", produces = "application/json")
	@ResponseBody
	List<DevOutbox.OutboxMessage> json(@RequestParam(defaultValue = "") String to,
			@RequestParam(defaultValue = "100") int limit) {
		return outbox.latest(to, 0, Math.min(Math.max(limit, 1), 1000));
	}
}
