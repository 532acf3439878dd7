package org.homeroom.messaging.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content in files of a directory, each named by its attachment's random id and never by the name
 * it was sent with, so no upload can choose where it lands. The directory and every file are
 * readable by Homeroom's own user only. A file is written under a temporary name and moved into
 * place whole, so a reader never sees half of one.
 */
class DirectoryAttachmentStorage implements AttachmentStorage {

	static final String PLACE = "DIRECTORY";

	private static final Logger log = LoggerFactory.getLogger(DirectoryAttachmentStorage.class);

	private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

	private final Path root;

	private final boolean posix;

	/** Uses {@code directory}, creating it readable by this user only when it does not exist. */
	DirectoryAttachmentStorage(Path directory) {
		this.root = directory.toAbsolutePath().normalize();
		this.posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
		try {
			if (!Files.isDirectory(root)) {
				if (posix) {
					Files.createDirectories(root, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
					Files.setPosixFilePermissions(root, OWNER_DIRECTORY);
				}
				else {
					Files.createDirectories(root);
				}
			}
			else if (posix && !Files.getPosixFilePermissions(root).equals(OWNER_DIRECTORY)) {
				log.warn("The attachments directory {} is open to other users than Homeroom's; it should be rwx------", root);
			}
			if (!Files.isWritable(root)) {
				throw new IllegalStateException("The attachments directory " + root + " cannot be written to");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The attachments directory " + root + " cannot be created", ex);
		}
	}

	@Override
	public String place() {
		return PLACE;
	}

	@Override
	public void write(AttachmentId id, InputStream content) throws IOException {
		Path target = pathOf(id);
		Path incoming = posix ? Files.createTempFile(root, ".incoming-", ".part", ownerOnly())
				: Files.createTempFile(root, ".incoming-", ".part");
		try {
			try (FileChannel channel = FileChannel.open(incoming, StandardOpenOption.WRITE);
					OutputStream out = Channels.newOutputStream(channel)) {
				content.transferTo(out);
				channel.force(true);
			}
			Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(incoming);
		}
	}

	@Override
	public InputStream read(AttachmentId id, long size) throws IOException {
		return Files.newInputStream(pathOf(id));
	}

	@Override
	public void remove(AttachmentId id) throws IOException {
		Files.deleteIfExists(pathOf(id));
	}

	/** The file of an attachment: its id, a UUID, is all the name; nothing else can reach outside the directory. */
	Path pathOf(AttachmentId id) {
		Path path = root.resolve(id.value().toString()).normalize();
		if (!root.equals(path.getParent())) {
			throw new IllegalArgumentException("Not a file of the attachments directory: " + id);
		}
		return path;
	}

	private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
		return PosixFilePermissions.asFileAttribute(OWNER_FILE);
	}
}
