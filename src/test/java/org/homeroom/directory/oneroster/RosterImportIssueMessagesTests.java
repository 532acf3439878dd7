package org.homeroom.directory.oneroster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An issue's words in Spanish and Arabic quote the same values as in English: a translation that
 * drops {@code {1}} loses a value from the files, and one that adds {@code {2}} shows a blank.
 */
class RosterImportIssueMessagesTests {

	private static final Path MESSAGES = Path.of("src/main/resources/messages");

	private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");

	@ParameterizedTest
	@ValueSource(strings = { "es", "ar" })
	void eachTranslationQuotesTheValuesEnglishQuotes(String language) throws IOException {
		Properties english = load("imports.properties");
		Properties translated = load("imports_" + language + ".properties");
		for (String key : english.stringPropertyNames()) {
			if (!key.startsWith(Issue.CODE_PREFIX)) {
				continue;
			}
			String pattern = translated.getProperty(key);
			new MessageFormat(pattern);
			assertThat(arguments(pattern)).as(language + " " + key).isEqualTo(arguments(english.getProperty(key)));
		}
	}

	private static Set<String> arguments(String pattern) {
		Set<String> arguments = new TreeSet<>();
		Matcher found = ARGUMENT.matcher(pattern);
		while (found.find()) {
			arguments.add(found.group(1));
		}
		return arguments;
	}

	private static Properties load(String file) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(MESSAGES.resolve(file), StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}
}
