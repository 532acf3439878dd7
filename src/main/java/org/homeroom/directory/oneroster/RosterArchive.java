package org.homeroom.directory.oneroster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Unpacks an uploaded zip into a folder, flat (as {@code unzip -j} does): OneRoster sets are a
 * handful of CSV files, and an export tool may put them in a subfolder. Only {@code .csv} names
 * are taken, and each by its last path element, so that no entry can write outside the folder.
 * The bytes are counted as they are unpacked, whatever sizes the zip declares, and unpacking stops
 * before the first byte past the limit is written: a zip bomb (a few megabytes that unpack to
 * gigabytes) fills neither the disk nor, later, the memory of the import that reads it.
 */
final class RosterArchive {

	/** The issue of a zip that unpacks past the limit, after {@code imports.issue.}. */
	static final String UNPACKED_TOO_LARGE = "unpacked-too-large";

	private RosterArchive() {
	}

	/**
	 * @param sourceName the zip's name as its sender gave it, for the issue that names it
	 * @throws NotARosterZip when the upload is not a zip, or unpacks to more than the limit
	 * @throws ZipException when the zip is damaged
	 */
	static void unpack(Path zip, Path folder, String sourceName, RosterImportSettings settings) throws IOException {
		long limit = settings.maxUnpackedSize().toBytes();
		long total = 0;
		boolean any = false;
		byte[] buffer = new byte[1 << 16];
		try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
			ZipEntry entry;
			while ((entry = entries.getNextEntry()) != null) {
				any = true;
				String name = Path.of(entry.getName().replace('\\', '/')).getFileName().toString();
				if (entry.isDirectory() || name.startsWith(".") || !name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
					continue;
				}
				try (var out = Files.newOutputStream(folder.resolve(name))) {
					int read;
					while ((read = entries.read(buffer)) > 0) {
						total += read;
						if (total > limit) {
							throw NotARosterZip.about(name, UNPACKED_TOO_LARGE, settings.maxUnpackedSizeText(),
									sourceName == null ? "" : sourceName);
						}
						out.write(buffer, 0, read);
					}
				}
			}
		}
		if (!any) {
			throw new NotARosterZip("not-a-zip");
		}
	}

	/**
	 * A set that is already unpacked (a drop folder's) is held to the limit of a zip's files, by
	 * their sizes, before a byte of them is read or copied.
	 *
	 * @return the file, in name order, with which the folder's files pass the limit
	 */
	static Optional<Path> firstPastLimit(Path folder, RosterImportSettings settings) throws IOException {
		long total = 0;
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
				total += Files.size(file);
				if (total > settings.maxUnpackedSize().toBytes()) {
					return Optional.of(file);
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * Why an upload is not a OneRoster zip, as an issue's key after {@code imports.issue.} and
	 * the values it quotes, so that the reader sees it in their language.
	 */
	static final class NotARosterZip extends ZipException {

		/** The file in the zip the issue is about; null when it is about the zip itself. */
		private final String file;

		private final String name;

		private final List<String> arguments;

		NotARosterZip(String name, String... arguments) {
			this(null, name, List.of(arguments));
		}

		private NotARosterZip(String file, String name, List<String> arguments) {
			super(name);
			this.file = file;
			this.name = name;
			this.arguments = arguments;
		}

		/** An issue with one of the zip's files, rather than with the zip. */
		static NotARosterZip about(String file, String name, String... arguments) {
			return new NotARosterZip(file, name, List.of(arguments));
		}

		Issue issue(String sourceName) {
			return Issue.of(file != null ? file : sourceName, null, null, name, arguments);
		}
	}
}
