package org.homeroom.accounts.twostep;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.codec.binary.Base32;

/**
 * Time-based one-time passwords as every authenticator app makes them (RFC 6238 over RFC 4226):
 * HMAC-SHA1, 30-second steps, 6 digits. A code is accepted one step either side of now, to allow
 * for a phone's clock being a little off.
 */
public final class Totp {

	public static final int STEP_SECONDS = 30;

	static final int DIGITS = 6;

	private static final int SECRET_BYTES = 20;

	private static final SecureRandom RANDOM = new SecureRandom();

	private Totp() {
	}

	/** A new secret, in the Base32 form authenticator apps read. */
	static String newSecret() {
		byte[] secret = new byte[SECRET_BYTES];
		RANDOM.nextBytes(secret);
		return new Base32().encodeToString(secret).replace("=", "");
	}

	public static long step(Instant at) {
		return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
	}

	public static String code(String base32Secret, long step) {
		return code(new Base32().decode(base32Secret), step);
	}

	static String code(byte[] secret, long step) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(secret, "HmacSHA1"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = (ByteBuffer.wrap(hash, offset, Integer.BYTES).getInt() & 0x7fffffff) % 1_000_000;
			return String.format("%06d", binary);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA1 is part of every Java runtime", ex);
		}
	}

	/**
	 * The step at which {@code code} is right, if it is right within one step of {@code now} and
	 * later than {@code lastUsedStep}; a code that was accepted once is never accepted again.
	 */
	static OptionalLong matchingStep(String base32Secret, String code, Instant now, long lastUsedStep) {
		String typed = code == null ? "" : code.replaceAll("\\s", "");
		if (typed.length() != DIGITS) {
			return OptionalLong.empty();
		}
		long current = step(now);
		for (long step = current - 1; step <= current + 1; step++) {
			if (step > lastUsedStep && MessageDigest.isEqual(code(base32Secret, step).getBytes(StandardCharsets.US_ASCII),
					typed.getBytes(StandardCharsets.US_ASCII))) {
				return OptionalLong.of(step);
			}
		}
		return OptionalLong.empty();
	}

	/** The {@code otpauth://} address an authenticator app scans from a QR code. */
	static String provisioningUri(String issuer, String accountName, String base32Secret) {
		String label = encode(issuer) + ":" + encode(accountName);
		return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer=" + encode(issuer) + "&algorithm=SHA1&digits="
				+ DIGITS + "&period=" + STEP_SECONDS;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}
}
