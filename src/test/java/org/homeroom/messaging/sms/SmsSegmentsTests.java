package org.homeroom.messaging.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsSegmentsTests {

	@Test
	void gsm7TextOf160CharactersIsOneSegmentAnd161IsTwo() {
		assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(1);
		assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(2);
	}

	@Test
	void gsm7SplitTextHolds153PerSegmentSoThreeHold459() {
		assertThat(SmsSegments.count("a".repeat(306))).isEqualTo(2);
		assertThat(SmsSegments.count("a".repeat(307))).isEqualTo(3);
		assertThat(SmsSegments.count("a".repeat(459))).isEqualTo(3);
		assertThat(SmsSegments.sentWhole("a".repeat(459))).isTrue();
		assertThat(SmsSegments.count("a".repeat(460))).isEqualTo(4);
		assertThat(SmsSegments.sentWhole("a".repeat(460))).isFalse();
	}

	@Test
	void extensionCharactersCountTwiceAndKeepGsm7() {
		assertThat(SmsSegments.gsm7("Price: 5€ [a] {b} ~c^ |d| \\")).isTrue();
		assertThat(SmsSegments.units("€")).isEqualTo(2);
		assertThat(SmsSegments.count("a".repeat(158) + "€")).isEqualTo(1);
		assertThat(SmsSegments.count("a".repeat(159) + "€")).isEqualTo(2);
		assertThat(SmsSegments.count("a".repeat(457) + "{")).isEqualTo(3);
		assertThat(SmsSegments.count("a".repeat(458) + "{")).isEqualTo(4);
	}

	@Test
	void accentedLettersOfTheBasicTableStayGsm7() {
		assertThat(SmsSegments.gsm7("Mañana: reunión à l'école, Ø ß Ä ¿¡")).isFalse();
		assertThat(SmsSegments.gsm7("Mañana à l'école, Ø ß Ä ¿¡ é")).isTrue();
	}

	@Test
	void oneCharacterOutsideGsm7MakesItUcs2At70And67() {
		String arabic = "م";
		assertThat(SmsSegments.gsm7("a".repeat(100) + arabic)).isFalse();
		assertThat(SmsSegments.count(arabic.repeat(70))).isEqualTo(1);
		assertThat(SmsSegments.count(arabic.repeat(71))).isEqualTo(2);
		assertThat(SmsSegments.count("a".repeat(69) + "ó")).isEqualTo(1);
		assertThat(SmsSegments.count(arabic.repeat(201))).isEqualTo(3);
		assertThat(SmsSegments.sentWhole(arabic.repeat(201))).isTrue();
		assertThat(SmsSegments.count(arabic.repeat(202))).isEqualTo(4);
		assertThat(SmsSegments.sentWhole(arabic.repeat(202))).isFalse();
	}

	@Test
	void anEmojiTakesTwoUtf16Units() {
		assertThat(SmsSegments.units("😀")).isEqualTo(2);
		assertThat(SmsSegments.count("😀".repeat(35))).isEqualTo(1);
		assertThat(SmsSegments.count("😀".repeat(35) + "a")).isEqualTo(2);
	}
}
