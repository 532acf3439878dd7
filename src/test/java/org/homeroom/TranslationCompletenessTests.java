package org.homeroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;

/**
 * Every word a user reads comes from a message bundle. Spanish and Arabic have every key English
 * has; the family languages have every key families read ({@link FamilyFacingKeys}), and fall
 * back to English key by key elsewhere. No language has a key English lacks, and each keeps
 * English's placeholders. A template may hold no literal text, and no literal text in the
 * attributes people read. The coverage of each language is printed for docs/languages.md.
 */
class TranslationCompletenessTests {

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	private static final Path MESSAGES = Path.of("src/main/resources/messages");

	/** Languages of the whole interface, staff pages included. */
	private static final List<String> LANGUAGES = List.of("es", "ar");

	/** Languages of the family pages, e-mails and texts. */
	private static final List<String> FAMILY_LANGUAGES = List.of("vi", "zh", "pt", "so", "ht");

	/**
	 * Family languages whose bundles are written on another branch: checked as soon as any of
	 * their files exists, so that this branch passes before they are merged and fails after if
	 * they are incomplete.
	 */
	private static final Set<String> CHECKED_ONCE_PRESENT = Set.of("so", "ht");

	/**
	 * {0}, {1,number}, {name}: what MessageFormat or the sender fills in, compared by what it
	 * fills in (a language may format a number its own way).
	 */
	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{},]*)[^{}]*\\}");

	/** HTML tags a message carries. */
	private static final Pattern TAG = Pattern.compile("<[^<>]+>");

	private static final Set<String> READ_ATTRIBUTES = Set.of("title", "alt", "placeholder", "aria-label", "label",
			"value", "content");

	/** Letters in any script; digits and punctuation alone are not words to translate. */
	private static final Pattern WORD = Pattern.compile("\\p{L}");

	@Test
	void templatesHoldNoLiteralText() throws IOException {
		List<String> literals = new ArrayList<>();
		for (Path template : files(TEMPLATES, ".html")) {
			Document document = Jsoup.parse(Files.readString(template));
			for (Element element : document.getAllElements()) {
				if (element.nameIs("script") || element.nameIs("style")) {
					continue;
				}
				for (TextNode text : element.textNodes()) {
					if (WORD.matcher(text.text()).find()) {
						literals.add(TEMPLATES.relativize(template) + ": text \"" + text.text().strip() + "\"");
					}
				}
				element.attributes().forEach(attribute -> {
					boolean readByPeople = READ_ATTRIBUTES.contains(attribute.getKey())
							&& !(element.nameIs("meta") && !"description".equals(element.attr("name")));
					if (readByPeople && WORD.matcher(attribute.getValue()).find()) {
						literals.add(TEMPLATES.relativize(template) + ": " + attribute.getKey() + "=\""
								+ attribute.getValue() + "\"");
					}
				});
			}
		}
		assertThat(literals).as("literal text in templates; use th:text and a message key").isEmpty();
	}

	@Test
	void everyLanguageHasEveryKeyThatEnglishHas() throws IOException {
		List<String> missing = new ArrayList<>();
		for (Path english : files(MESSAGES, ".properties")) {
			String name = english.getFileName().toString();
			if (name.contains("_")) {
				continue;
			}
			Set<String> keys = load(english).stringPropertyNames();
			for (String language : LANGUAGES) {
				Path translation = english.resolveSibling(name.replace(".properties", "_" + language + ".properties"));
				Set<String> translated = Files.exists(translation) ? load(translation).stringPropertyNames() : Set.of();
				Set<String> absent = new TreeSet<>(keys);
				absent.removeAll(translated);
				absent.forEach(key -> missing.add(translation.getFileName() + ": " + key));
			}
		}
		assertThat(missing).as("keys that English has and a translation lacks").isEmpty();
	}

	@Test
	void everyFamilyLanguageHasEveryKeyFamiliesRead() throws IOException {
		List<String> missing = new ArrayList<>();
		for (String language : familyLanguagesToCheck()) {
			for (Path english : englishBundles()) {
				String bundle = bundle(english);
				Set<String> family = FamilyFacingKeys.among(bundle, load(english).stringPropertyNames(), TEMPLATES);
				Path translation = translation(english, language);
				Set<String> translated = Files.exists(translation) ? load(translation).stringPropertyNames() : Set.of();
				family.stream().filter(key -> !translated.contains(key))
					.forEach(key -> missing.add(translation.getFileName() + ": " + key));
			}
		}
		assertThat(missing).as("family-facing keys that English has and a family language lacks").isEmpty();
	}

	@Test
	void noLanguageHasAKeyEnglishLacksOrChangesItsPlaceholders() throws IOException {
		List<String> wrong = new ArrayList<>();
		for (Path english : englishBundles()) {
			Properties base = load(english);
			for (String language : allLanguages()) {
				Path translation = translation(english, language);
				if (!Files.exists(translation)) {
					continue;
				}
				Properties translated = load(translation);
				for (String key : new TreeSet<>(translated.stringPropertyNames())) {
					String original = base.getProperty(key);
					if (original == null) {
						wrong.add(translation.getFileName() + ": " + key + " is not in English");
						continue;
					}
					String text = translated.getProperty(key);
					if (!tokens(PLACEHOLDER, original).equals(tokens(PLACEHOLDER, text))
							|| !tokens(TAG, original).equals(tokens(TAG, text))) {
						wrong.add(translation.getFileName() + ": " + key + " has " + tokens(PLACEHOLDER, text)
								+ tokens(TAG, text) + ", English " + tokens(PLACEHOLDER, original) + tokens(TAG, original));
					}
				}
			}
		}
		assertThat(wrong).as("keys English lacks, or placeholders and tags not as in English").isEmpty();
	}

	/** Prints each language's coverage, the table docs/languages.md quotes. */
	@Test
	void everyLanguagesCoverageIsListed() throws IOException {
		int all = 0;
		int family = 0;
		List<Path> bundles = englishBundles();
		for (Path english : bundles) {
			Set<String> keys = load(english).stringPropertyNames();
			all += keys.size();
			family += FamilyFacingKeys.among(bundle(english), keys, TEMPLATES).size();
		}
		StringBuilder table = new StringBuilder("\n| Language | All keys | Family keys |\n|---|---|---|\n");
		for (String language : allLanguages()) {
			int present = 0;
			int familyPresent = 0;
			for (Path english : bundles) {
				Properties base = load(english);
				Path translation = translation(english, language);
				Set<String> translated = Files.exists(translation) ? load(translation).stringPropertyNames() : Set.of();
				Set<String> familyKeys = FamilyFacingKeys.among(bundle(english), base.stringPropertyNames(), TEMPLATES);
				present += (int) base.stringPropertyNames().stream().filter(translated::contains).count();
				familyPresent += (int) familyKeys.stream().filter(translated::contains).count();
			}
			table.append("| ").append(language).append(" | ").append(present).append(" / ").append(all).append(" (")
				.append(100 * present / all).append(" %) | ").append(familyPresent).append(" / ").append(family)
				.append(" (").append(100 * familyPresent / family).append(" %) |\n");
		}
		System.out.println("Interface language coverage (English: " + all + " keys, " + family + " family-facing):"
				+ table);
		assertThat(family).as("family-facing keys found").isGreaterThan(300).isLessThan(all);
	}

	@Test
	void everyLanguageSaysWhichWayItIsWritten() throws IOException {
		assertThat(load(MESSAGES.resolve("platform.properties")).getProperty("language.direction")).isEqualTo("ltr");
		assertThat(load(MESSAGES.resolve("platform_es.properties")).getProperty("language.direction")).isEqualTo("ltr");
		assertThat(load(MESSAGES.resolve("platform_ar.properties")).getProperty("language.direction")).isEqualTo("rtl");
		for (String language : familyLanguagesToCheck()) {
			assertThat(load(MESSAGES.resolve("platform_" + language + ".properties")).getProperty("language.direction"))
				.as(language).isEqualTo("ltr");
		}
	}

	/** The family languages to hold to completeness now: all but those not yet written on this branch. */
	private static List<String> familyLanguagesToCheck() throws IOException {
		List<String> present = new ArrayList<>();
		for (String language : FAMILY_LANGUAGES) {
			boolean exists = files(MESSAGES, "_" + language + ".properties").size() > 0;
			if (exists || !CHECKED_ONCE_PRESENT.contains(language)) {
				present.add(language);
			}
			else {
				System.out.println("No " + language + " bundles yet: its completeness is checked once they exist.");
			}
		}
		return present;
	}

	private static List<String> allLanguages() {
		List<String> all = new ArrayList<>(LANGUAGES);
		all.addAll(FAMILY_LANGUAGES);
		return all;
	}

	private static List<Path> englishBundles() throws IOException {
		return files(MESSAGES, ".properties").stream().filter(path -> !path.getFileName().toString().contains("_")).toList();
	}

	private static String bundle(Path english) {
		return english.getFileName().toString().replace(".properties", "");
	}

	private static Path translation(Path english, String language) {
		return english.resolveSibling(bundle(english) + "_" + language + ".properties");
	}

	private static Set<String> tokens(Pattern pattern, String text) {
		Set<String> found = new TreeSet<>();
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			found.add(matcher.groupCount() > 0 ? "{" + matcher.group(1).strip() + "}" : matcher.group());
		}
		return found;
	}

	private static List<Path> files(Path root, String suffix) throws IOException {
		try (Stream<Path> paths = Files.walk(root)) {
			return paths.filter(path -> path.toString().endsWith(suffix)).sorted().toList();
		}
	}

	private static Properties load(Path file) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}
}
