package org.homeroom.accounts.twostep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

class TotpTests {

	/** RFC 6238, appendix B: the SHA-1 secret, whose codes are shown there with 8 digits; 6 are their last 6. */
	private static final String RFC_SECRET = new Base32()
		.encodeToString("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

	@Test
	void codesMatchTheVectorsOfRfc6238() {
		assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
		assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
		assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1234567890)))).isEqualTo("005924");
	}

	@Test
	void aCodeIsAcceptedOneStepEitherSideOfNowButNotTwo() {
		Instant now = Instant.ofEpochSecond(1111111109);
		long step = Totp.step(now);
		assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), now, 0)).hasValue(step - 1);
		assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 1), now, 0)).hasValue(step + 1);
		assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 2), now, 0)).isEmpty();
		assertThat(Totp.matchingStep(RFC_SECRET, "081 804", now, 0)).hasValue(step);
	}

	@Test
	void aCodeOnceUsedIsNotAcceptedAgain() {
		Instant now = Instant.ofEpochSecond(1111111109);
		long step = Totp.step(now);
		assertThat(Totp.matchingStep(RFC_SECRET, "081804", now, step)).isEmpty();
	}

	@Test
	void newSecretsAreDifferentAndDecodeToTwentyBytes() {
		String one = Totp.newSecret();
		assertThat(one).isNotEqualTo(Totp.newSecret());
		assertThat(new Base32().decode(one)).hasSize(20);
	}
}
