package org.homeroom.messaging.delivery;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.homeroom.shared.LanguageTag;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.homeroom.messaging.MessagingSettings;

/**
 * Turns an announcement into each family's copy. The work that depends only on the announcement
 * and the family's language (the footer in that language, the HTML layout) is done once per
 * language and kept; per family, only the placeholders are filled in: {@code {guardianName}},
 * {@code {childName}} (all of that family's children in the audience) and {@code {school}}.
 */
@Component
public class MessageRenderer {

	private static final int KEPT = 1_000;

	private final MessageSource messages;

	private final MessagingSettings settings;

	private final LanguageVersions versions;

	private final Map<Key, Template> templates = new ConcurrentHashMap<>();

	private final InterpreterLines interpreterLines;

	MessageRenderer(MessageSource messages, MessagingSettings settings, LanguageVersions versions,
			InterpreterLines interpreterLines) {
		this.messages = messages;
		this.settings = settings;
		this.versions = versions;
		this.interpreterLines = interpreterLines;
	}

	RenderedMessage render(Claimed delivery) {
		if (templates.size() > KEPT) {
			templates.clear();
		}
		// The interpreter line names the family's school offices, so it is part of what a template is for.
		String interpreter = delivery.untranslated()
				? interpreterLines.forAnnouncement(delivery.language(), List.of(delivery.guardianId())) : null;
		Template template = templates.computeIfAbsent(new Key(delivery.announcementId(), delivery.language(), interpreter),
				key -> template(delivery, interpreter));
		String subject = fill(template.subject(), delivery, false);
		String text = fill(template.text(), delivery, false);
		String html = fill(template.html(), delivery, true);
		return new RenderedMessage(subject, text, html, template.unsubscribeUrl());
	}

	private Template template(Claimed delivery, String interpreter) {
		Locale locale = LanguageTag.of(delivery.language()).toLocale();
		String about = messages.getMessage("messaging.mail.about", new Object[] { "{childName}" }, locale);
		String sentBy = messages.getMessage("messaging.mail.sent-by", new Object[] { "{school}" }, locale);
		String unsubscribeUrl = delivery.category().optional() ? settings.publicUrl() + "/messages/preferences" : null;
		String unsubscribe = unsubscribeUrl == null ? null
				: messages.getMessage("messaging.mail.preferences", new Object[] { unsubscribeUrl }, locale);
		// A machine translation says so first and carries the original below it; a text no engine
		// translated starts with the line on how to ask for an interpreter, in the family's language.
		String lead = delivery.machineTranslated() ? versions.machineTranslatedOriginalBelow(delivery.language())
				: interpreter;
		String original = delivery.machineTranslated()
				? versions.originalHeading(delivery.language()) + "\n\n" + delivery.originalSubject() + "\n\n"
						+ delivery.originalBody()
				: null;
		String text = (lead == null ? "" : lead + "\n\n") + delivery.body() + (original == null ? "" : "\n\n--\n" + original)
				+ "\n\n--\n" + about + "\n" + sentBy + (unsubscribe == null ? "" : "\n" + unsubscribe);
		String direction = LanguageVersions.direction(delivery.language());
		StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"").append(HtmlUtils.htmlEscape(delivery.language()))
			.append("\" dir=\"").append(direction)
			.append("\"><body style=\"font-family:sans-serif;line-height:1.5;color:#222\">");
		if (lead != null) {
			html.append("<p style=\"color:#555;font-style:italic\">").append(HtmlUtils.htmlEscape(lead)).append("</p>");
		}
		paragraphs(html, delivery.body());
		if (original != null) {
			html.append("<hr><div lang=\"").append(org.homeroom.translation.Translations.WRITTEN_IN).append("\" dir=\"ltr\"><p><strong>")
				.append(HtmlUtils.htmlEscape(versions.originalHeading(delivery.language()))).append("</strong></p><p><strong>")
				.append(HtmlUtils.htmlEscape(delivery.originalSubject())).append("</strong></p>");
			paragraphs(html, delivery.originalBody());
			html.append("</div>");
		}
		html.append("<hr><p style=\"color:#555;font-size:90%\">").append(HtmlUtils.htmlEscape(about)).append("<br>")
			.append(HtmlUtils.htmlEscape(sentBy));
		if (unsubscribeUrl != null) {
			html.append("<br><a href=\"").append(HtmlUtils.htmlEscape(unsubscribeUrl)).append("\">")
				.append(HtmlUtils.htmlEscape(messages.getMessage("messaging.mail.preferences.link", null, locale)))
				.append("</a>");
		}
		html.append("</p></body></html>");
		return new Template(delivery.subject(), text, html.toString(), unsubscribeUrl);
	}

	private static void paragraphs(StringBuilder html, String body) {
		for (String paragraph : body.split("\\R\\s*\\R")) {
			html.append("<p>").append(HtmlUtils.htmlEscape(paragraph.strip()).replaceAll("\\R", "<br>")).append("</p>");
		}
	}

	private static String fill(String template, Claimed delivery, boolean html) {
		return fill(template, delivery.guardianName(), delivery.childNames(), delivery.schoolNames(), html);
	}

	/**
	 * The family's copy of a subject or body as plain text, for the inbox (page and API): the same
	 * placeholders as e-mail, filled from the same delivery row. Plain text, because the page escapes
	 * what it shows and the API is JSON; a name holding markup stays text either way.
	 */
	public static String forFamily(String template, String guardianName, String childNames, String schoolNames) {
		return fill(template, guardianName, childNames, schoolNames, false);
	}

	private static String fill(String template, String guardianName, String childNames, String schoolNames, boolean html) {
		return template.replace("{guardianName}", escaped(guardianName == null ? "" : guardianName, html))
			.replace("{childName}", escaped(childNames == null ? "" : childNames, html))
			.replace("{school}", escaped(schoolNames == null ? "" : schoolNames, html));
	}

	private static String escaped(String value, boolean html) {
		return html ? HtmlUtils.htmlEscape(value) : value;
	}

	private record Key(UUID announcementId, String language, String interpreter) {
	}

	private record Template(String subject, String text, String html, String unsubscribeUrl) {
	}
}
