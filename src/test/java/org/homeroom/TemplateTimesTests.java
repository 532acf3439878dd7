package org.homeroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Pages show times through {@code @times} (the district's clock, the reader's language), so no
 * template formats a time itself: an ISO-like pattern such as {@code yyyy-MM-dd HH:mm} would be read
 * on the server's zone and in no one's language.
 */
class TemplateTimesTests {

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	/** A date or time pattern, or Thymeleaf's own formatting of temporals and dates. */
	private static final Pattern FORMATTING = Pattern.compile("yyyy|HH:mm|#temporals\\.format|#dates\\.format");

	@Test
	void noTemplateFormatsATimeWithAPatternOfItsOwn() throws IOException {
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			for (Path template : files.filter(path -> path.toString().endsWith(".html")).toList()) {
				List<String> lines = Files.readAllLines(template);
				for (int i = 0; i < lines.size(); i++) {
					if (FORMATTING.matcher(lines.get(i)).find()) {
						found.add(TEMPLATES.relativize(template) + ":" + (i + 1) + ": " + lines.get(i).strip());
					}
				}
			}
		}
		assertThat(found).as("use ${@times.moment(...)} or ${@times.date(...)}").isEmpty();
	}
}
