package org.homeroom.platform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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

	static final String ADMINISTRATION = "/admin";

	private final List<NavigationItem> navigation;

	private final UserProfiles profiles;

	private final List<NavigationBadge> badges;

	LayoutInterceptor(List<NavigationItem> navigation, UserProfiles profiles, List<NavigationBadge> badges) {
		this.navigation = navigation.stream().sorted(Comparator.comparingInt(NavigationItem::order)).toList();
		this.profiles = profiles;
		this.badges = badges;
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView modelAndView) {
		if (modelAndView == null || modelAndView.getViewName() == null
				|| modelAndView.getViewName().startsWith("redirect:")) {
			return;
		}
		if (Boolean.TRUE.equals(modelAndView.getModel().get(NavigationItem.WITHOUT_NAVIGATION))) {
			Layout full = layoutFor(request);
			modelAndView.addObject("layout", new Layout(full.userName(), List.of(), List.of(), full.languages()));
			return;
		}
		modelAndView.addObject("layout", layoutFor(request));
	}

	Layout layoutFor(HttpServletRequest request) {
		String path = request.getRequestURI();
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return new Layout(null, List.of(), List.of(), choices(HomeroomLocaleResolver.offeredBeforeSignIn(request)));
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
		List<NavigationItem> visible = navigation.stream().filter(item -> item.visibleTo(roles))
			.filter(item -> badges.stream().noneMatch(badge -> badge.path().equals(item.path()) && !badge.shown(authentication)))
			.toList();
		NavigationItem current = visible.stream()
			.filter(item -> item.path().equals(path) || (!item.path().equals("/") && path.startsWith(item.path() + "/")))
			.max(Comparator.comparingInt(item -> item.path().length()))
			.orElse(null);
		List<NavigationEntry> bar = new ArrayList<>(visible.stream()
			.filter(item -> !item.administration())
			.map(item -> badges.stream().filter(badge -> badge.path().equals(item.path())).findFirst()
				.map(badge -> new NavigationEntry(item.messageKey(), item.path(), item == current, badge.count(authentication),
						badge.liveUpdates()))
				.orElseGet(() -> new NavigationEntry(item.messageKey(), item.path(), item == current)))
			.toList());
		List<NavigationEntry> administration = visible.stream()
			.filter(NavigationItem::administration)
			.map(item -> new NavigationEntry(item.messageKey(), item.path(), item == current))
			.toList();
		if (!administration.isEmpty()) {
			boolean here = path.equals(ADMINISTRATION) || administration.stream().anyMatch(NavigationEntry::current);
			bar.add(new NavigationEntry("nav.administration", ADMINISTRATION, here));
		}
		// A family's pages speak the family languages; staff pages, and the languages staff choose, the staff ones.
		return new Layout(name, bar, administration,
				choices(roles.contains("FAMILY") ? UiLanguages.FAMILY : UiLanguages.STAFF));
	}

	private static List<UiLanguages.LanguageChoice> choices(List<Locale> languages) {
		return languages.stream()
			.map(locale -> new UiLanguages.LanguageChoice(locale.toLanguageTag(), UiLanguages.nativeName(locale), true))
			.toList();
	}

	record Layout(String userName, List<NavigationEntry> navigation, List<NavigationEntry> administration,
			List<UiLanguages.LanguageChoice> languages) {

		public boolean signedIn() {
			return userName != null;
		}

		/** The language's own name among those on offer, for the phone's language button. */
		public String languageName(String tag) {
			return languages.stream().filter(language -> language.tag().equals(tag)).map(UiLanguages.LanguageChoice::name)
				.findFirst().orElseGet(() -> UiLanguages.nativeName(java.util.Locale.forLanguageTag(tag)));
		}
	}

	record NavigationEntry(String messageKey, String path, boolean current, long badge, String liveUpdates) {

		NavigationEntry(String messageKey, String path, boolean current) {
			this(messageKey, path, current, 0, null);
		}
	}

}
