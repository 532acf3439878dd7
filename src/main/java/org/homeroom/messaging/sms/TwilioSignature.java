package org.homeroom.messaging.sms;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}): HMAC-SHA1, keyed with the account's auth
 * token, over the full URL Twilio called followed by each POST parameter's name and value, sorted by
 * name (and, for a name given twice, by value), base64-encoded. Compared in constant time, so that
 * the time of a refusal tells nothing about how much of a guess was right.
 */
final class TwilioSignature {

	private TwilioSignature() {
	}

	static String of(String authToken, String url, Map<String, List<String>> parameters) {
		StringBuilder data = new StringBuilder(url);
		parameters.keySet().stream().sorted().forEach(name -> {
			List<String> values = new ArrayList<>(parameters.get(name));
			values.sort(null);
			values.forEach(value -> data.append(name).append(value));
		});
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HMAC-SHA1 is not available", ex);
		}
	}

	/** Whether the signature given is the one these parameters have; false when none was given. */
	static boolean valid(String authToken, String url, Map<String, List<String>> parameters, String given) {
		if (given == null || given.isBlank() || authToken == null) {
			return false;
		}
		byte[] expected = of(authToken, url, parameters).getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(expected, given.strip().getBytes(StandardCharsets.UTF_8));
	}
}
