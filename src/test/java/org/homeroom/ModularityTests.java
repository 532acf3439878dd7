package org.homeroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

	private static final Path DOCS = Path.of("docs/modules");

	private final ApplicationModules modules = ApplicationModules.of(HomeroomApplication.class);

	@Test
	void modulesOnlyUseEachOthersPublicFacesAndFormNoCycles() {
		modules.verify();
	}

	/**
	 * Writes the module diagrams into the docs. The documenter lists relations in no fixed order,
	 * so a diagram is replaced only when its lines, as a set, have changed: the docs change when the
	 * modules do, not on every build.
	 */
	@Test
	void writesTheModuleDiagramToTheDocs() throws IOException {
		Path written = Path.of("target/modules-docs");
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(written.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml();

		Files.createDirectories(DOCS);
		try (Stream<Path> diagrams = Files.list(written)) {
			for (Path diagram : diagrams.filter(path -> path.toString().endsWith(".puml")).toList()) {
				Path documented = DOCS.resolve(diagram.getFileName());
				if (!Files.exists(documented) || !sortedLines(documented).equals(sortedLines(diagram))) {
					Files.copy(diagram, documented, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		assertThat(DOCS.resolve("components.puml")).exists();
	}

	private static List<String> sortedLines(Path file) throws IOException {
		return Files.readAllLines(file).stream().sorted().toList();
	}
}
