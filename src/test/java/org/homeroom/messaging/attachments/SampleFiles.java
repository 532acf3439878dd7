package org.homeroom.messaging.attachments;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

import org.springframework.core.io.ByteArrayResource;

/** Real small files of each kind, and files that only pretend to be one, for the attachment tests. */
final class SampleFiles {

	private SampleFiles() {
	}

	static byte[] png() {
		return image("png");
	}

	static byte[] jpeg() {
		return image("jpg");
	}

	/** A one-page PDF that a reader opens: header, catalog, page tree, page, cross-reference table, trailer. */
	static byte[] pdf() {
		List<String> objects = List.of("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
				"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>");
		StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
		List<Integer> offsets = new ArrayList<>();
		for (int i = 0; i < objects.size(); i++) {
			offsets.add(pdf.length());
			pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
		}
		int xref = pdf.length();
		pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
		offsets.forEach(offset -> pdf.append(String.format("%010d 00000 n \n", offset)));
		pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
			.append(xref).append("\n%%EOF\n");
		return pdf.toString().getBytes(StandardCharsets.US_ASCII);
	}

	/** A PDF of exactly {@code size} bytes: a real one with a comment of random bytes after its end. */
	static byte[] pdfOfSize(long size) {
		byte[] pdf = pdf();
		byte[] padded = Arrays.copyOf(pdf, Math.toIntExact(size));
		byte[] filler = new byte[padded.length - pdf.length];
		new Random(size).nextBytes(filler);
		System.arraycopy(filler, 0, padded, pdf.length, filler.length);
		return padded;
	}

	/**
	 * The start of an HEIC photo as an iPhone writes it: an ftyp box (major brand heic, compatible
	 * mif1 and heic), then the start of its meta box.
	 */
	static byte[] heic() {
		return heif("heic", "mif1", "heic");
	}

	static byte[] heif(String majorBrand, String... compatibleBrands) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int boxSize = 16 + 4 * compatibleBrands.length;
		writeInt(out, boxSize);
		out.writeBytes("ftyp".getBytes(StandardCharsets.US_ASCII));
		out.writeBytes(majorBrand.getBytes(StandardCharsets.US_ASCII));
		writeInt(out, 0);
		for (String brand : compatibleBrands) {
			out.writeBytes(brand.getBytes(StandardCharsets.US_ASCII));
		}
		writeInt(out, 34);
		out.writeBytes("meta".getBytes(StandardCharsets.US_ASCII));
		writeInt(out, 0);
		writeInt(out, 22);
		out.writeBytes("hdlr".getBytes(StandardCharsets.US_ASCII));
		out.writeBytes(new byte[8]);
		out.writeBytes("pict".getBytes(StandardCharsets.US_ASCII));
		out.writeBytes(new byte[2]);
		return out.toByteArray();
	}

	/** The start of a Windows program: "MZ", the DOS stub's message, the PE header. */
	static byte[] windowsProgram() {
		byte[] exe = new byte[512];
		exe[0] = 'M';
		exe[1] = 'Z';
		byte[] stub = "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(stub, 0, exe, 0x4E, stub.length);
		exe[0x3C] = (byte) 0x80;
		System.arraycopy("PE\0\0".getBytes(StandardCharsets.US_ASCII), 0, exe, 0x80, 4);
		return exe;
	}

	static byte[] htmlPage() {
		return "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
			.getBytes(StandardCharsets.UTF_8);
	}

	static ByteArrayResource resource(byte[] content) {
		return new ByteArrayResource(content);
	}

	static AttachmentUpload upload(String name, byte[] content) {
		return new AttachmentUpload(name, resource(content));
	}

	private static byte[] image(String format) {
		BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(Color.ORANGE);
		graphics.fillRect(0, 0, 40, 30);
		graphics.setColor(Color.BLUE);
		graphics.fillOval(5, 5, 20, 20);
		graphics.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("No ImageIO writer for " + format);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static void writeInt(ByteArrayOutputStream out, int value) {
		out.write(value >>> 24);
		out.write(value >>> 16);
		out.write(value >>> 8);
		out.write(value);
	}
}
