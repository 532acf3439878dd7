package org.homeroom.accounts;

import java.util.List;

import org.homeroom.platform.DemoSettings;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class SignInPageController {

	private final DemoSettings demo;

	SignInPageController(DemoSettings demo) {
		this.demo = demo;
	}

	@GetMapping("/sign-in")
	String signIn(Model model) {
		model.addAttribute("demoAccounts", demo.enabled() ? AccountsDemoData.ACCOUNTS : List.of());
		model.addAttribute("demoPassword", AccountsDemoData.PASSWORD);
		return "accounts/sign-in";
	}
}
