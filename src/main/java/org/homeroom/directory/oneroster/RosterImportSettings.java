package org.homeroom.directory.oneroster;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much an import may take of the server's disk.
 *
 * @param maxUnpackedSize the most the CSV files of one zip may unpack to, together
 *     ({@code HOMEROOM_MAX_UNPACKED}). A zip that unpacks past this is taken for a mistake or a zip
 *     bomb, and is stopped while it is unpacked, before it fills the disk
 * @param workDirectory where uploads and drop-folder sets are unpacked while they are imported,
 *     and removed afterwards; the system's temporary folder when not set
 */
@ConfigurationProperties("homeroom.directory.oneroster")
record RosterImportSettings(@DefaultValue("2GB") DataSize maxUnpackedSize, Path workDirectory) {

	Path workRoot() {
		return workDirectory != null ? workDirectory : Path.of(System.getProperty("java.io.tmpdir"));
	}

	/** The limit as a reader would write it: "2 GB", "500 MB". */
	String maxUnpackedSizeText() {
		long bytes = maxUnpackedSize.toBytes();
		if (bytes > 0 && bytes % DataSize.ofGigabytes(1).toBytes() == 0) {
			return maxUnpackedSize.toGigabytes() + " GB";
		}
		if (bytes > 0 && bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
			return maxUnpackedSize.toMegabytes() + " MB";
		}
		if (bytes > 0 && bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
			return maxUnpackedSize.toKilobytes() + " KB";
		}
		return bytes + " bytes";
	}
}
