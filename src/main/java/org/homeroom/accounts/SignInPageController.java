package org.homeroom.accounts;

import java.util.List;

import org.homeroom.platform.DemoSettings;
import jakarta.servlet.http.HttpServletRequest;
import org.homeroom.directory.DistrictProfile;
import org.homeroom.platform.LanguageParameter;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class SignInPageController {

	private final DemoSettings demo;

	private final DistrictProfile district;

	SignInPageController(DemoSettings demo, DistrictProfile district) {
		this.demo = demo;
		this.district = district;
	}

	/** Families first, who sign in with a code, under the district's name; then staff, with a password. */
	@GetMapping("/sign-in")
	String signIn(HttpServletRequest request, Model model) {
		model.addAttribute("districtName", district.name().orElse(null));
		model.addAttribute("langQuery", LanguageParameter.query(request));
		model.addAttribute("demoAccounts", demo.enabled() ? AccountsDemoData.ACCOUNTS : List.of());
		model.addAttribute("demoPassword", AccountsDemoData.PASSWORD);
		return "accounts/sign-in";
	}
}
