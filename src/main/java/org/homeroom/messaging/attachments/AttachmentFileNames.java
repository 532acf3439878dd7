package org.homeroom.messaging.attachments;

import java.text.Normalizer;
import java.util.Locale;

/**
 * File names as people sent them, made safe to show, to put in a header and to save: no folders,
 * no control or formatting characters (a right-to-left override could show "gpj.exe" as
 * "exe.jpg"), nothing a file system or a shell treats specially, and not too long. A name is only
 * ever shown and offered for saving; it never names a file on the server.
 */
final class AttachmentFileNames {

	static final String FALLBACK = "attachment";

	private AttachmentFileNames() {
	}

	/** The name to keep and show for a file sent as {@code uploaded}. */
	static String safe(String uploaded) {
		if (uploaded == null) {
			return FALLBACK;
		}
		String name = Normalizer.normalize(uploaded, Normalizer.Form.NFC);
		name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		StringBuilder kept = new StringBuilder(name.length());
		name.codePoints().forEach(c -> kept.appendCodePoint(allowed(c) ? c : (Character.isWhitespace(c) ? ' ' : '_')));
		String cleaned = kept.toString().replaceAll(" {2,}", " ").replaceAll("_{2,}", "_");
		cleaned = cleaned.replaceAll("^[ ._-]+", "").replaceAll("[ .]+$", "");
		if (cleaned.isEmpty()) {
			return FALLBACK;
		}
		return shortened(cleaned);
	}

	/** The name a download is offered under: the kept name, ending as its type does. */
	static String forDownload(Attachment attachment) {
		String name = attachment.fileName();
		int dot = name.lastIndexOf('.');
		String ending = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
		if (attachment.type().extensions().contains(ending)) {
			return name;
		}
		return shortened(name) + "." + attachment.type().extensions().get(0);
	}

	private static boolean allowed(int c) {
		if (Character.isLetterOrDigit(c)) {
			return true;
		}
		int type = Character.getType(c);
		if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK) {
			return true;
		}
		return c == ' ' || c == '.' || c == '-' || c == '_' || c == '(' || c == ')' || c == ',' || c == '+' || c == '&'
				|| c == '\'';
	}

	/** At most {@link AttachmentRules#MAX_NAME_LENGTH} characters, keeping a short ending such as ".pdf". */
	private static String shortened(String name) {
		int limit = AttachmentRules.MAX_NAME_LENGTH - 6;
		if (name.codePointCount(0, name.length()) <= limit) {
			return name;
		}
		int dot = name.lastIndexOf('.');
		String ending = dot > 0 && name.length() - dot <= 6 ? name.substring(dot) : "";
		String stem = ending.isEmpty() ? name : name.substring(0, dot);
		int keep = limit - ending.length();
		return stem.substring(0, stem.offsetByCodePoints(0, keep)) + ending;
	}
}
