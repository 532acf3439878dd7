package org.homeroom.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The markers were chosen because a real engine leaves them alone: here the text goes through
 * Debian's Apertium English→Spanish pipeline on this machine (the same one APy runs, called without
 * a network), and comes back with every placeholder and glossary term where it belongs. Skipped
 * where Apertium is not installed; CI installs it.
 */
class MarkersThroughApertiumTests {

	private static final Path APERTIUM = Path.of("/usr/bin/apertium");

	private static final Path ENG_SPA = Path.of("/usr/share/apertium/modes/eng-spa.mode");

	@Test
	void placeholdersAndGlossaryTermsSurviveApertium() throws Exception {
		assumeTrue(Files.isExecutable(APERTIUM) && Files.exists(ENG_SPA), "Apertium with eng-spa is not installed");
		GlossaryRules glossary = new GlossaryRules(List.of(new GlossaryRules.Term("Lincoln Elementary", true, Map.of()),
				new GlossaryRules.Term("referendum", false, Map.of("es", "consulta popular"))));
		ProtectedText text = ProtectedText.protect(
				"Dear {guardianName}, the school will close at noon tomorrow. {studentName} can vote on the referendum at Lincoln Elementary.",
				glossary, "es");

		String translated = apertium(text.text());

		assertThat(translated).contains("escuela", "mañana");
		assertThat(text.restore(translated)).hasValueSatisfying(spanish -> assertThat(spanish)
			.startsWith("Querido {guardianName}, la escuela cerrará")
			.contains("{studentName}", "consulta popular", "Lincoln Elementary")
			.doesNotContain("⟦", "referendum"));
	}

	private static String apertium(String text) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(APERTIUM.toString(), "-u", "eng-spa").start();
		process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
		process.getOutputStream().close();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return out;
	}
}
