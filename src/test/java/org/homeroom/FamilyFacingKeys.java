package org.homeroom;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one definition of the message keys families read: the family languages (Vietnamese,
 * Chinese, Somali, Haitian Creole, Portuguese) must have each of them, while staff pages may stay
 * in English, Spanish and Arabic. Kept as lists a reviewer can read: the family templates, the
 * keys and prefixes the Java code sends to families, and the bundles that are family-facing whole.
 */
final class FamilyFacingKeys {

	/** The family pages (sign-in, welcome, home, messages, conversations, account, contacts) and what they include. */
	static final List<String> TEMPLATES = List.of("layout.html", "error.html", "fragments/*.html", "home/family.html",
			"home/conversations.html", "accounts/family-sign-in.html", "accounts/family-code.html",
			"accounts/family-choose.html", "accounts/welcome-*.html", "accounts/account.html",
			"conversations/family-list.html", "conversations/family-start.html", "conversations/thread.html",
			"messaging/inbox.html", "messaging/message.html", "messaging/preferences.html", "messaging/long-text.html",
			"directory/contacts.html", "directory/my-children.html");

	/** Keys the Java code puts on family pages or sends to families, named in full. */
	static final List<String> JAVA_KEYS = List.of(
			// the family navigation (NavigationItem beans)
			"nav.home", "nav.messages", "nav.my-children", "nav.account", "conversations.nav.family",
			// validation messages on the family forms
			"typeMismatch", "account.language.unsupported", "family.signin.contact.invalid",
			// the sign-in code (OneTimeCodes); the welcome's confirmation code is in the welcome bundle
			"family.code.subject", "family.code.body");

	/** Prefixes of keys the Java code sends to families. */
	static final List<String> JAVA_PREFIXES = List.of(
			// times on family pages and in automatic answers (DisplayTimes)
			"time.",
			// staff changed the family's contacts (StaffContactChangeNotices)
			"family.staff-change.",
			// the announcement e-mail frame (MessageRenderer)
			"messaging.mail.",
			// the label of a translated announcement and the interpreter line (LanguageVersions)
			"messaging.translation.",
			// the SMS HELP reply (SmsHelp), the long-text link and its code (SmsLongTexts)
			"sms.help", "sms.long.",
			// staff messages relayed by SMS (StaffMessageTexts) and the reply menus (ReplyMenus)
			"textreplies.relay", "textreplies.menu",
			// the automatic office-hours answer (OfficeHours, ReplyTimes)
			"officehours.answer", "officehours.from.",
			// attachments refused on a family's message (Attachments)
			"attachments.");

	/** Bundles that are family-facing as a whole. */
	static final List<String> WHOLE_BUNDLES = List.of("home", "welcome", "conversations");

	/** {@code #{key}} or {@code #{key(…)}}, and {@code #messages.msg('key'…)}. */
	private static final Pattern LITERAL_KEY = Pattern.compile("#\\{([A-Za-z0-9_.-]+)[}(]|#messages\\.msg\\('([A-Za-z0-9_.-]+)'");

	/** A key built in the template, {@code #{|inbox.category.${…}|}}: every key with the prefix. */
	private static final Pattern BUILT_KEY = Pattern.compile("#\\{\\|([A-Za-z0-9_.-]+\\.)\\$\\{");

	private FamilyFacingKeys() {
	}

	/** The family-facing keys among the given English keys of one bundle. */
	static Set<String> among(String bundle, Set<String> englishKeys, Path templates) throws IOException {
		if (WHOLE_BUNDLES.contains(bundle)) {
			return new TreeSet<>(englishKeys);
		}
		Set<String> keys = new TreeSet<>(JAVA_KEYS);
		Set<String> prefixes = new TreeSet<>(JAVA_PREFIXES);
		for (Path template : templates(templates)) {
			String text = Files.readString(template);
			Matcher literal = LITERAL_KEY.matcher(text);
			while (literal.find()) {
				keys.add(literal.group(1) != null ? literal.group(1) : literal.group(2));
			}
			Matcher built = BUILT_KEY.matcher(text);
			while (built.find()) {
				prefixes.add(built.group(1));
			}
		}
		Set<String> family = new TreeSet<>();
		for (String key : englishKeys) {
			if (keys.contains(key) || prefixes.stream().anyMatch(key::startsWith)) {
				family.add(key);
			}
		}
		return family;
	}

	/** The family templates that exist; a pattern matching none is a mistake in the list. */
	static List<Path> templates(Path root) throws IOException {
		Set<Path> found = new TreeSet<>();
		for (String pattern : TEMPLATES) {
			PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
			try (Stream<Path> paths = Files.walk(root)) {
				List<Path> matching = paths.filter(path -> matcher.matches(root.relativize(path))).toList();
				if (matching.isEmpty()) {
					throw new IllegalStateException("No family template matches " + pattern);
				}
				found.addAll(matching);
			}
		}
		return List.copyOf(found);
	}
}
