package org.homeroom.directory.oneroster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a set's manifest.csv says about its files, read without a database: the version, each
 * file's mode (bulk, delta, absent), and each defect named by file, line and field.
 */
class RosterManifestTests {

	@TempDir
	Path folder;

	final Issues issues = new Issues();

	@Test
	void readsTheVersionAndEachDeclaredFilesMode() {
		RosterManifest manifest = read(manifest("oneroster.version,1.2", "file.orgs,bulk", "file.users,delta",
				"file.roles,bulk"), "orgs.csv", "users.csv", "roles.csv");

		assertThat(manifest.version()).isEqualTo("1.2");
		assertThat(manifest.modes()).containsExactly(Map.entry(RosterFile.ORGS, "bulk"), Map.entry(RosterFile.USERS, "delta"),
				Map.entry(RosterFile.ROLES, "bulk"));
		assertThat(manifest.bulk(RosterFile.ORGS)).isTrue();
		assertThat(manifest.bulk(RosterFile.USERS)).isFalse();
		assertThat(issues.errors()).isEmpty();
		assertThat(issues.warnings()).isEmpty();
	}

	@Test
	void rolesIsNotAFileOfVersionOneOne() {
		RosterManifest manifest = read(manifest("oneroster.version,1.1", "file.orgs,bulk", "file.roles,bulk"), "orgs.csv",
				"roles.csv");

		assertThat(manifest.modes()).containsOnlyKeys(RosterFile.ORGS);
		assertThat(issues.errors()).isEmpty();
	}

	@Test
	void aVersionItDoesNotReadIsAnErrorOnItsLineAndTheSetIsReadAsOneOne() {
		RosterManifest manifest = read(manifest("oneroster.version,2.0"));

		assertThat(manifest.version()).isEqualTo("1.1");
		assertThat(issues.errors()).containsExactly(issue("manifest.csv", 3, "value", "unsupported-version", "2.0"));
	}

	@Test
	void aManifestWithoutAVersionNamesTheProperty() {
		read(manifest());

		assertThat(issues.errors()).containsExactly(issue("manifest.csv", null, "oneroster.version", "value-required"));
	}

	@Test
	void aManifestVersionOtherThanOneZeroIsReadWithAWarning() {
		read(new String[] { "propertyName,value", "manifest.version,1.1", "oneroster.version,1.1" });

		assertThat(issues.errors()).isEmpty();
		assertThat(issues.warnings()).containsExactly(issue("manifest.csv", 2, "value", "manifest-version", "1.1"));
	}

	@Test
	void aSetWithoutAManifestIsRefusedButItsFilesAreStillReadAsBulk() {
		RosterManifest manifest = read(null, "orgs.csv");

		assertThat(issues.errors()).containsExactly(issue("manifest.csv", null, null, "manifest-missing"));
		assertThat(manifest.modes()).containsExactly(Map.entry(RosterFile.ORGS, "bulk"));
		assertThat(issues.warnings()).isEmpty();
	}

	@Test
	void aFilePresentButNotDeclaredIsReadAsBulkWithAWarning() {
		RosterManifest manifest = read(manifest("oneroster.version,1.1"), "orgs.csv");

		assertThat(manifest.bulk(RosterFile.ORGS)).isTrue();
		assertThat(issues.warnings()).containsExactly(issue("manifest.csv", null, "file.orgs", "file-not-declared", "orgs.csv"));
	}

	@Test
	void aFileDeclaredButMissingIsAnError() {
		RosterManifest manifest = read(manifest("oneroster.version,1.1", "file.users,delta"));

		assertThat(manifest.modes()).isEmpty();
		assertThat(issues.errors())
			.containsExactly(issue("manifest.csv", 4, "value", "declared-file-missing", "users.csv", "delta"));
	}

	@Test
	void aFileDeclaredAbsentIsNotReadEvenWhenItCame() {
		RosterManifest manifest = read(manifest("oneroster.version,1.1", "file.classes,absent"), "classes.csv");

		assertThat(manifest.modes()).isEmpty();
		assertThat(issues.warnings()).containsExactly(issue("classes.csv", null, null, "declared-absent"));
		assertThat(issues.errors()).isEmpty();
	}

	@Test
	void aModeInTheWrongCaseIsReadWithAWarning() {
		RosterManifest manifest = read(manifest("oneroster.version,1.1", "file.orgs,Bulk"), "orgs.csv");

		assertThat(manifest.bulk(RosterFile.ORGS)).isTrue();
		assertThat(issues.warnings()).containsExactly(issue("manifest.csv", 4, "value", "wrong-case", "Bulk", "bulk"));
	}

	@Test
	void aModeThatIsNotAChoiceIsAnErrorListingTheChoices() {
		RosterManifest manifest = read(manifest("oneroster.version,1.1", "file.orgs,full"), "orgs.csv");

		assertThat(manifest.modes()).isEmpty();
		assertThat(issues.errors())
			.containsExactly(issue("manifest.csv", 4, "value", "not-a-choice", "full", "bulk, delta, absent"));
	}

	@Test
	void aFileHomeroomDoesNotReadIsNamedInAWarning() {
		read(manifest("oneroster.version,1.1", "file.lineItems,bulk"), "lineitems.csv");

		assertThat(issues.warnings()).containsExactly(issue("lineItems.csv", null, null, "unused-file"));
		assertThat(issues.errors()).isEmpty();
	}

	@Test
	void aManifestWhoseQuotesNeverCloseIsUnreadable() {
		read(manifest("oneroster.version,1.1", "\"file.orgs,bulk"));

		assertThat(issues.errors()).extracting(Issue::code).contains(Issue.CODE_PREFIX + "unreadable-csv");
	}

	@Test
	void spacesAroundNamesAndValuesAreIgnored() {
		RosterManifest manifest = read(manifest(" oneroster.version , 1.2 "));

		assertThat(manifest.version()).isEqualTo("1.2");
		assertThat(issues.errors()).isEmpty();
	}

	/** A manifest's lines after its header and manifest.version, which take lines 1 and 2. */
	private static String[] manifest(String... properties) {
		String[] lines = new String[properties.length + 2];
		lines[0] = "propertyName,value";
		lines[1] = "manifest.version,1.0";
		System.arraycopy(properties, 0, lines, 2, properties.length);
		return lines;
	}

	/** @param manifest the manifest's lines, or null for a set without one */
	private RosterManifest read(String[] manifest, String... others) {
		Map<String, Path> files = new HashMap<>();
		try {
			if (manifest != null) {
				files.put("manifest.csv", Files.writeString(folder.resolve("manifest.csv"), String.join("\n", manifest) + "\n"));
			}
			for (String other : others) {
				files.put(other, Files.writeString(folder.resolve(other), "sourcedId\n"));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return RosterManifest.read(files, issues);
	}

	private static Issue issue(String file, Integer line, String column, String name, String... arguments) {
		return Issue.of(file, line, column, name, Arrays.asList(arguments));
	}
}
