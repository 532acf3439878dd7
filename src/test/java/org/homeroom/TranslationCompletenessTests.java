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
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;

/**
 * Every word a user reads comes from a message bundle, and every language has every key English
 * has. A template may hold no literal text, and no literal text in the attributes people read.
 */
class TranslationCompletenessTests {

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	private static final Path MESSAGES = Path.of("src/main/resources/messages");

	private static final List<String> LANGUAGES = List.of("es", "ar");

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
	void everyLanguageSaysWhichWayItIsWritten() throws IOException {
		assertThat(load(MESSAGES.resolve("platform.properties")).getProperty("language.direction")).isEqualTo("ltr");
		assertThat(load(MESSAGES.resolve("platform_es.properties")).getProperty("language.direction")).isEqualTo("ltr");
		assertThat(load(MESSAGES.resolve("platform_ar.properties")).getProperty("language.direction")).isEqualTo("rtl");
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
