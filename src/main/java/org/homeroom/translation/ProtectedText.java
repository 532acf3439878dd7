package org.homeroom.translation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text made ready for an engine: each placeholder ({@code {guardianName}}, any {@code {word}}) and
 * each glossary term is replaced by a numbered marker, {@code ⟦0⟧}, {@code ⟦1⟧}…, and put back (or
 * replaced by its fixed translation) afterwards. Mathematical white brackets with a number were
 * chosen because Apertium passes them through untouched (checked against apertium-eng-spa 0.8.1) and
 * they cannot be mistaken for markup. An engine that drops, repeats or invents a marker has broken
 * the text; {@link #restore} then answers empty, and the caller sends the original rather than a
 * message with a missing name.
 *
 * @param text what the engine receives
 * @param replacements what each marker stands for, by its number
 */
record ProtectedText(String text, List<String> replacements) {

	static final Pattern PLACEHOLDER = Pattern.compile("\\{[A-Za-z][A-Za-z0-9_]*}");

	/** Engines may put spaces inside a marker; they are tolerated, as long as the number is intact. */
	private static final Pattern MARKER = Pattern.compile("⟦\\s*(\\d{1,4})\\s*⟧");

	private static final Pattern WORDS = Pattern.compile("[\\p{L}]");

	ProtectedText {
		replacements = List.copyOf(replacements);
	}

	static ProtectedText protect(String original, GlossaryRules glossary, String target) {
		List<String> replacements = new ArrayList<>();
		String placeholdersOut = replace(original, PLACEHOLDER, replacements, matched -> matched);
		Pattern terms = glossary.patternFor(target);
		// Placeholders first: a term inside one ({school}) must stay the placeholder it is.
		String text = terms == null ? placeholdersOut
				: replace(placeholdersOut, terms, replacements, matched -> glossary.replacement(matched, target).orElse(matched));
		return new ProtectedText(text, replacements);
	}

	private static String replace(String text, Pattern pattern, List<String> replacements,
			java.util.function.UnaryOperator<String> becomes) {
		Matcher matcher = pattern.matcher(text);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			replacements.add(becomes.apply(matcher.group()));
			matcher.appendReplacement(out, Matcher.quoteReplacement(marker(replacements.size() - 1)));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	static String marker(int number) {
		return "⟦" + number + "⟧";
	}

	/** Whether there is anything for an engine to translate once placeholders and terms are out. */
	boolean needsEngine() {
		return WORDS.matcher(MARKER.matcher(text).replaceAll("")).find();
	}

	/** Whether an engine's output holds every marker of this text exactly once, and no other. */
	boolean intactIn(String translated) {
		int[] seen = new int[replacements.size()];
		Matcher matcher = MARKER.matcher(translated);
		while (matcher.find()) {
			int number = Integer.parseInt(matcher.group(1));
			if (number >= seen.length || ++seen[number] > 1) {
				return false;
			}
		}
		for (int count : seen) {
			if (count != 1) {
				return false;
			}
		}
		return true;
	}

	/** The engine's output with the markers put back, or empty when it lost or mangled one. */
	Optional<String> restore(String translated) {
		if (!intactIn(translated)) {
			return Optional.empty();
		}
		Matcher matcher = MARKER.matcher(translated);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(out, Matcher.quoteReplacement(replacements.get(Integer.parseInt(matcher.group(1)))));
		}
		matcher.appendTail(out);
		return Optional.of(out.toString());
	}
}
