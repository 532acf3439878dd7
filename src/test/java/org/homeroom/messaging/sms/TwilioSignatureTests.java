package org.homeroom.messaging.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TwilioSignatureTests {

	private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";

	/** Twilio's published example (docs: "Webhooks security"). */
	private static Map<String, List<String>> published() {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		parameters.put("To", List.of("+18005551212"));
		parameters.put("CallSid", List.of("CA1234567890ABCDE"));
		parameters.put("Digits", List.of("1234"));
		parameters.put("Caller", List.of("+14158675309"));
		parameters.put("From", List.of("+14158675309"));
		return parameters;
	}

	@Test
	void twiliosPublishedVectorGivesItsPublishedSignature() {
		assertThat(TwilioSignature.of("12345", URL, published())).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
		assertThat(TwilioSignature.valid("12345", URL, published(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isTrue();
	}

	@Test
	void anyChangeToTokenUrlOrParametersIsRefused() {
		assertThat(TwilioSignature.valid("12346", URL, published(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
		assertThat(TwilioSignature.valid("12345", URL.replace("foo=1", "foo=2"), published(), "RSOYDt4T1cUTdK1PDd93/VVr8B8="))
			.isFalse();
		Map<String, List<String>> changed = published();
		changed.put("Digits", List.of("1235"));
		assertThat(TwilioSignature.valid("12345", URL, changed, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
	}

	@Test
	void aMissingSignatureIsRefused() {
		assertThat(TwilioSignature.valid("12345", URL, published(), null)).isFalse();
		assertThat(TwilioSignature.valid("12345", URL, published(), "")).isFalse();
	}
}
