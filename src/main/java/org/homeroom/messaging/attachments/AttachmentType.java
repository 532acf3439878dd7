package org.homeroom.messaging.attachments;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of file a message may carry, each recognised by its first bytes, never by a name or
 * a declared type: a file is what its content says it is.
 */
public enum AttachmentType {

	PDF("application/pdf", false, "pdf"),

	JPEG("image/jpeg", true, "jpg", "jpeg"),

	PNG("image/png", true, "png"),

	/** HEIF images, as iPhones take them. Browsers rarely show them, so they are downloaded, not shown. */
	HEIC("image/heic", false, "heic", "heif");

	/** How many of a file's first bytes {@link #of} needs to see. */
	static final int HEAD_BYTES = 1024;

	private static final byte[] PDF_SIGNATURE = "%PDF-".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	/** A PNG's first chunk is always its 13-byte header, IHDR. */
	private static final byte[] PNG_HEADER_CHUNK = { 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

	private static final byte[] JPEG_START_OF_IMAGE = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };

	/** The ISO-BMFF brands that mark an HEIF/HEIC image or image sequence. */
	private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1");

	private final String contentType;

	private final boolean shownInline;

	private final List<String> extensions;

	AttachmentType(String contentType, boolean shownInline, String... extensions) {
		this.contentType = contentType;
		this.shownInline = shownInline;
		this.extensions = List.of(extensions);
	}

	/** The media type it is stored and served with. */
	public String contentType() {
		return contentType;
	}

	/** Whether a browser may show it in the page (images it can draw) rather than download it. */
	public boolean shownInline() {
		return shownInline;
	}

	/** The file name endings that fit it, the usual one first. */
	public List<String> extensions() {
		return extensions;
	}

	/**
	 * What a file is, from its first bytes ({@code length} of them in {@code head}, up to
	 * {@link #HEAD_BYTES}); empty when it is none of the accepted kinds.
	 */
	public static Optional<AttachmentType> of(byte[] head, int length) {
		if (startsWith(head, length, 0, PDF_SIGNATURE) && length > PDF_SIGNATURE.length
				&& Character.isDigit(head[PDF_SIGNATURE.length])) {
			return Optional.of(PDF);
		}
		if (startsWith(head, length, 0, PNG_SIGNATURE) && startsWith(head, length, PNG_SIGNATURE.length, PNG_HEADER_CHUNK)) {
			return Optional.of(PNG);
		}
		if (startsWith(head, length, 0, JPEG_START_OF_IMAGE) && length > 3 && isJpegMarker(head[3])) {
			return Optional.of(JPEG);
		}
		if (isHeif(head, length)) {
			return Optional.of(HEIC);
		}
		return Optional.empty();
	}

	/** After SOI comes a marker segment: APPn (E0–EF), a table (DB, C4), a frame (C0–CF) or a comment (FE). */
	private static boolean isJpegMarker(byte marker) {
		int value = marker & 0xFF;
		return value >= 0xC0 && value <= 0xFE && value != 0xD8 && value != 0xD9;
	}

	/**
	 * An ISO-BMFF file starts with an {@code ftyp} box: its size (4 bytes), "ftyp", the major brand,
	 * a minor version, then compatible brands to the end of the box. An HEIF brand must be among them.
	 */
	private static boolean isHeif(byte[] head, int length) {
		if (length < 16 || !startsWith(head, length, 4, "ftyp".getBytes(StandardCharsets.US_ASCII))) {
			return false;
		}
		long boxSize = ((head[0] & 0xFFL) << 24) | ((head[1] & 0xFFL) << 16) | ((head[2] & 0xFFL) << 8) | (head[3] & 0xFFL);
		if (boxSize < 16 || boxSize > length || boxSize % 4 != 0) {
			return false;
		}
		if (HEIF_BRANDS.contains(brand(head, 8))) {
			return true;
		}
		for (int offset = 16; offset + 4 <= boxSize; offset += 4) {
			if (HEIF_BRANDS.contains(brand(head, offset))) {
				return true;
			}
		}
		return false;
	}

	private static String brand(byte[] head, int offset) {
		return new String(head, offset, 4, StandardCharsets.ISO_8859_1);
	}

	private static boolean startsWith(byte[] head, int length, int offset, byte[] expected) {
		if (length < offset + expected.length) {
			return false;
		}
		for (int i = 0; i < expected.length; i++) {
			if (head[offset + i] != expected[i]) {
				return false;
			}
		}
		return true;
	}
}
