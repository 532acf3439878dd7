package org.homeroom.platform;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * Adds what the layout needs to every rendered page (error pages included): who is signed in, the
 * navigation they may use, and the languages on offer. Runs only when a view is rendered, so API
 * calls and redirects pay nothing for it.
 */
@Component
class LayoutInterceptor implements HandlerInterceptor {

	private final List<NavigationItem> navigation;

	private final UserProfiles profiles;

	LayoutInterceptor(List<NavigationItem> navigation, UserProfiles profiles) {
		this.navigation = navigation.stream().sorted(Comparator.comparingInt(NavigationItem::order)).toList();
		this.profiles = profiles;
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView modelAndView) {
		if (modelAndView == null || modelAndView.getViewName() == null
				|| modelAndView.getViewName().startsWith("redirect:")) {
			return;
		}
		modelAndView.addObject("layout", layoutFor(request.getRequestURI()));
	}

	Layout layoutFor(String path) {
		List<LanguageChoice> languages = UiLanguages.SUPPORTED.stream()
			.map(locale -> new LanguageChoice(locale.toLanguageTag(), UiLanguages.nativeName(locale)))
			.toList();
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return new Layout(null, List.of(), languages);
		}
		Set<String> roles = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(authority -> authority.startsWith("ROLE_"))
			.map(authority -> authority.substring("ROLE_".length()))
			.collect(Collectors.toSet());
		String name = profiles.find(authentication.getName())
			.map(UserProfiles.UserProfile::displayName)
			.orElse(authentication.getName());
		List<NavigationItem> visible = navigation.stream().filter(item -> item.visibleTo(roles)).toList();
		String current = visible.stream()
			.map(NavigationItem::path)
			.filter(itemPath -> itemPath.equals(path) || (!itemPath.equals("/") && path.startsWith(itemPath + "/")))
			.max(Comparator.comparingInt(String::length))
			.orElse("");
		List<NavigationEntry> entries = visible.stream()
			.map(item -> new NavigationEntry(item.messageKey(), item.path(), item.path().equals(current)))
			.toList();
		return new Layout(name, entries, languages);
	}

	record Layout(String userName, List<NavigationEntry> navigation, List<LanguageChoice> languages) {

		public boolean signedIn() {
			return userName != null;
		}
	}

	record NavigationEntry(String messageKey, String path, boolean current) {
	}

	record LanguageChoice(String tag, String name) {
	}
}
