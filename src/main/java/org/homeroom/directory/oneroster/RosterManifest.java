package org.homeroom.directory.oneroster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * What a set's manifest.csv says about it, checked against the files that came with it: the
 * OneRoster version, and for each file Homeroom reads whether it is the whole (bulk) or only
 * changes (delta). A file present but not declared is read as bulk with a warning, as exports
 * often leave the manifest behind their files; a file declared but missing is an error.
 *
 * @param version {@code 1.1} or {@code 1.2}; 1.1 when the manifest does not say it
 * @param modes the files to read, each {@code bulk} or {@code delta}, in {@link RosterFile} order
 */
record RosterManifest(String version, Map<RosterFile, String> modes) {

	private static final String NAME = "manifest.csv";

	private static final List<String> MODES = List.of("bulk", "delta", "absent");

	RosterManifest {
		modes = Collections.unmodifiableMap(new EnumMap<>(modes));
	}

	/**
	 * @param files the set's files by lower-cased name
	 * @param issues told of each defect, naming file, line and field
	 */
	static RosterManifest read(Map<String, Path> files, Issues issues) {
		Path manifest = files.get(NAME);
		Map<String, String> properties = new LinkedHashMap<>();
		Map<String, Integer> lines = new HashMap<>();
		String version = "1.1";
		if (manifest == null) {
			issues.error(NAME, null, null, "manifest-missing");
		}
		else {
			readProperties(manifest, properties, lines, issues);
			String declared = properties.get("oneroster.version");
			if (declared == null || declared.isBlank()) {
				issues.error(NAME, null, "oneroster.version", "value-required");
			}
			else if (declared.equals("1.1") || declared.equals("1.2")) {
				version = declared;
			}
			else {
				issues.error(NAME, lines.get("oneroster.version"), "value", "unsupported-version", declared);
			}
			String manifestVersion = properties.get("manifest.version");
			if (manifestVersion != null && !manifestVersion.equals("1.0")) {
				issues.warn(NAME, lines.get("manifest.version"), "value", "manifest-version", manifestVersion);
			}
		}
		Map<RosterFile, String> modes = new EnumMap<>(RosterFile.class);
		for (RosterFile file : RosterFile.values()) {
			if (!file.inVersion(version)) {
				continue;
			}
			String property = "file." + file.manifestName();
			String mode = properties.get(property);
			boolean present = files.containsKey(file.fileName().toLowerCase(Locale.ROOT));
			if (mode == null || mode.isBlank()) {
				if (present) {
					if (manifest != null) {
						issues.warn(NAME, null, property, "file-not-declared", file.fileName());
					}
					modes.put(file, "bulk");
				}
				continue;
			}
			String read = mode.toLowerCase(Locale.ROOT);
			if (!read.equals(mode) && MODES.contains(read)) {
				issues.warn(NAME, lines.get(property), "value", "wrong-case", mode, read);
			}
			switch (read) {
				case "bulk", "delta" -> {
					if (present) {
						modes.put(file, read);
					}
					else {
						issues.error(NAME, lines.get(property), "value", "declared-file-missing", file.fileName(), read);
					}
				}
				case "absent" -> {
					if (present) {
						issues.warn(file.fileName(), null, null, "declared-absent");
					}
				}
				default -> issues.error(NAME, lines.get(property), "value", "not-a-choice", mode, String.join(", ", MODES));
			}
		}
		for (String unused : RosterFile.UNUSED) {
			if (files.containsKey((unused + ".csv").toLowerCase(Locale.ROOT))) {
				issues.warn(unused + ".csv", null, null, "unused-file");
			}
		}
		return new RosterManifest(version, modes);
	}

	/** Whether the set holds the whole of this file's records, so that what it leaves out is gone. */
	boolean bulk(RosterFile file) {
		return "bulk".equals(modes.get(file));
	}

	/** Each property by name, after the header line, with the line it is on (1 is the header). */
	private static void readProperties(Path manifest, Map<String, String> properties, Map<String, Integer> lines,
			Issues issues) {
		// A manifest is a score of short lines: the whole file is held to the limit of one record.
		try (CSVParser parser = CSVParser.parse(
				new BoundedCsvReader(Files.newBufferedReader(manifest, StandardCharsets.UTF_8), Stager.LONGEST_RECORD),
				CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get())) {
			for (CSVRecord record : parser) {
				if (record.getRecordNumber() == 1 || record.size() < 2) {
					continue;
				}
				String name = record.get(0).replace("\uFEFF", "").strip();
				properties.put(name, record.get(1).strip());
				lines.put(name, (int) record.getRecordNumber());
			}
		}
		catch (IOException | UncheckedIOException ex) {
			issues.error(NAME, null, null, "unreadable-csv");
		}
	}
}
