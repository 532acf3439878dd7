package org.homeroom.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded PostgreSQL's superuser password, made at random on first start and kept in
 * {@code <data>/postgres-password}, readable by its owner only. Without it any local user or
 * process could connect to the children's records; with it they need to read a file that only the
 * account running Homeroom can read.
 */
final class EmbeddedPostgresPassword {

	static final String FILE_NAME = "postgres-password";

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Path file;

	EmbeddedPostgresPassword(Path dataDirectory) {
		this.file = dataDirectory.resolve(FILE_NAME);
	}

	Path file() {
		return file;
	}

	/** The kept password, its file made owner-only again in case someone loosened it. */
	Optional<String> read() throws IOException {
		if (!Files.exists(file)) {
			return Optional.empty();
		}
		if (posix()) {
			Files.setPosixFilePermissions(file, OWNER_ONLY);
		}
		String password = Files.readString(file, StandardCharsets.UTF_8).strip();
		if (password.isEmpty()) {
			throw new IllegalStateException(file + " is empty: restore the embedded PostgreSQL's password into it");
		}
		return Optional.of(password);
	}

	/** 256 random bits, in characters that need no quoting in a file, a URL or SQL. */
	static String generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Written to a temporary file that is owner-only from its creation and then moved into place,
	 * so the password is never readable by others, nor half-written after a crash.
	 */
	void write(String password) throws IOException {
		Path directory = file.getParent();
		Files.createDirectories(directory);
		Path temporary = posix()
				? Files.createTempFile(directory, FILE_NAME, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
				: Files.createTempFile(directory, FILE_NAME, ".tmp");
		try {
			Files.writeString(temporary, password + "\n", StandardCharsets.UTF_8);
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	private static boolean posix() {
		return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
	}
}
