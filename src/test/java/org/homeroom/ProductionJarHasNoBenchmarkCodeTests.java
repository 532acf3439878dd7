package org.homeroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The production jar is built from the compiled main classes: none of them may be a benchmark
 * runner, and none may carry the statements a runner uses to wipe tables, since a stray property
 * would then be enough to empty a district. Benchmark runners live in test sources (see bench/).
 * No Spring: it reads the class files.
 */
class ProductionJarHasNoBenchmarkCodeTests {

	/** What a benchmark runner does to a database, and never the product. */
	private static final List<String> BENCH_HOOKS = List.of("drop table", "drop schema", "drop database", "truncate ");

	@Test
	void noMainClassIsABenchmarkRunner() {
		assertThat(mainClasses())
			.as("compiled main classes under %s", mainClassesFolder())
			.isNotEmpty()
			.map(path -> mainClassesFolder().relativize(path).toString())
			.filteredOn(name -> name.toLowerCase(Locale.ROOT).contains("bench"))
			.isEmpty();
	}

	@Test
	void noMainClassDropsOrEmptiesTables() {
		assertThat(mainClasses())
			.filteredOn(ProductionJarHasNoBenchmarkCodeTests::carriesABenchHook)
			.map(path -> mainClassesFolder().relativize(path).toString())
			.isEmpty();
	}

	private static boolean carriesABenchHook(Path classFile) {
		try {
			// String constants sit in the class file as (modified) UTF-8, so SQL written in ASCII
			// appears there byte for byte.
			String text = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
			return BENCH_HOOKS.stream().anyMatch(text::contains);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<Path> mainClasses() {
		try (Stream<Path> files = Files.walk(mainClassesFolder())) {
			return files.filter(path -> path.toString().endsWith(".class")).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Where HomeroomApplication was loaded from: target/classes, not the test classes. */
	private static Path mainClassesFolder() {
		try {
			Path location = Path.of(HomeroomApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			assertThat(location).as("main classes are a folder, not a jar").isDirectory();
			assertThat(location.resolve("org/homeroom/HomeroomApplication.class")).exists();
			return location;
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
