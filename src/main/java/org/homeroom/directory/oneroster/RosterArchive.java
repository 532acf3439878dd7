package org.homeroom.directory.oneroster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Unpacks an uploaded zip into a folder, flat (as {@code unzip -j} does): OneRoster sets are a
 * handful of CSV files, and an export tool may put them in a subfolder. Only {@code .csv} names
 * are taken, and each by its last path element, so that no entry can write outside the folder;
 * the total size is capped so that a zip bomb stops early.
 */
final class RosterArchive {

	static final long MAX_UNPACKED_BYTES = 8L << 30;

	private RosterArchive() {
	}

	/**
	 * @throws NotARosterZip when the upload is not a zip, or unpacks to more than the cap
	 * @throws ZipException when the zip is damaged
	 */
	static void unpack(Path zip, Path folder) throws IOException {
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
						if (total > MAX_UNPACKED_BYTES) {
							throw new NotARosterZip("zip-too-large", Long.toString(MAX_UNPACKED_BYTES >> 30));
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
	 * Why an upload is not a OneRoster zip, as an issue's key after {@code imports.issue.} and
	 * the values it quotes, so that the reader sees it in their language.
	 */
	static final class NotARosterZip extends ZipException {

		private final String name;

		private final List<String> arguments;

		NotARosterZip(String name, String... arguments) {
			super(name);
			this.name = name;
			this.arguments = List.of(arguments);
		}

		Issue issue(String sourceName) {
			return Issue.of(sourceName, null, null, name, arguments);
		}
	}
}
