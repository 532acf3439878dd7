package org.homeroom.directory.oneroster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the district's SIS leaves in the drop folder, read from the file system alone: which
 * entries are sets (zips, or folders holding a manifest), when each last changed, and the hash of
 * its content that {@link RosterSync} knows it by.
 */
final class DropFolder {

	private static final Logger log = LoggerFactory.getLogger(DropFolder.class);

	private DropFolder() {
	}

	/**
	 * The sets in the folder that have not changed since {@code settled}, oldest first, so that a
	 * later export wins.
	 */
	static List<Path> settledSets(Path folder, Instant settled) throws IOException {
		if (!Files.isDirectory(folder) || !Files.isReadable(folder)) {
			throw new IOException("does not exist or cannot be read");
		}
		try (Stream<Path> entries = Files.list(folder)) {
			return entries.filter(entry -> isZip(entry) || isUnzippedSet(entry))
				.filter(set -> modified(set).isBefore(settled))
				.sorted(Comparator.comparing(DropFolder::modified).thenComparing(Path::getFileName))
				.toList();
		}
	}

	private static boolean isZip(Path path) {
		String name = path.getFileName().toString();
		return !name.startsWith(".") && name.toLowerCase(Locale.ROOT).endsWith(".zip") && Files.isRegularFile(path);
	}

	/**
	 * A folder the SIS wrote the CSV files into, as a zip would unpack them: it holds a manifest.
	 * One that cannot be listed is not taken for a set, rather than making the whole drop folder
	 * unreadable.
	 */
	private static boolean isUnzippedSet(Path path) {
		if (path.getFileName().toString().startsWith(".") || !Files.isDirectory(path)) {
			return false;
		}
		try {
			return filesOf(path).stream().anyMatch(file -> file.getFileName().toString().equalsIgnoreCase("manifest.csv"));
		}
		catch (UncheckedIOException ex) {
			log.warn("Roster sync could not look into {}: {}", path, ex.getMessage());
			return false;
		}
	}

	/** The regular files directly in a set's folder, by name; what is below them is not read. */
	private static List<Path> filesOf(Path folder) {
		try (Stream<Path> entries = Files.list(folder)) {
			return entries.filter(Files::isRegularFile)
				.filter(file -> !file.getFileName().toString().startsWith("."))
				.sorted(Comparator.comparing(Path::getFileName))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A folder's set changed when any of its files did. */
	private static Instant modified(Path path) {
		try {
			Instant modified = Files.getLastModifiedTime(path).toInstant();
			if (Files.isDirectory(path)) {
				for (Path file : filesOf(path)) {
					Instant changed = Files.getLastModifiedTime(file).toInstant();
					modified = changed.isAfter(modified) ? changed : modified;
				}
			}
			return modified;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Copies an unzipped set's files, and only those, into a new folder. */
	static Path copyFiles(Path folder, Path into) throws IOException {
		Files.createDirectory(into);
		for (Path file : filesOf(folder)) {
			Files.copy(file, into.resolve(file.getFileName().toString()));
		}
		return into;
	}

	/** A set is known by its content: a zip by its bytes, a folder by its files. */
	static String sha256(Path set) throws IOException {
		return Files.isRegularFile(set) ? sha256OfZip(set) : sha256OfFolder(set);
	}

	/** A zip is known by its bytes' SHA-256. */
	private static String sha256OfZip(Path zip) throws IOException {
		try (InputStream in = Files.newInputStream(zip)) {
			return DigestUtils.sha256Hex(in);
		}
	}

	/**
	 * An unzipped set is known by the SHA-256 of its files in name order, each as its name and
	 * length before its bytes, so that two different sets cannot hash alike by moving bytes from
	 * one file to the next.
	 */
	private static String sha256OfFolder(Path folder) throws IOException {
		MessageDigest digest = DigestUtils.getSha256Digest();
		for (Path file : filesOf(folder)) {
			digest.update((file.getFileName() + "\u0000" + Files.size(file) + "\u0000").getBytes(StandardCharsets.UTF_8));
			try (InputStream in = Files.newInputStream(file)) {
				DigestUtils.updateDigest(digest, in);
			}
		}
		return Hex.encodeHexString(digest.digest());
	}
}
