package org.homeroom.messaging.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsKeywordTests {

	@Test
	void eachOptOutWordInAnyCaseAndSpacing() {
		for (String word : new String[] { "STOP", "stopall", "Unsubscribe", "end", "QUIT", "revoke", "OptOut", "cancel",
				"opt out", " OPT   OUT \n" }) {
			assertThat(SmsKeyword.of(word)).as(word).contains(SmsKeyword.OPT_OUT);
		}
	}

	@Test
	void optInAndHelpWords() {
		assertThat(SmsKeyword.of("start")).contains(SmsKeyword.OPT_IN);
		assertThat(SmsKeyword.of("Yes")).contains(SmsKeyword.OPT_IN);
		assertThat(SmsKeyword.of("UNSTOP")).contains(SmsKeyword.OPT_IN);
		assertThat(SmsKeyword.of("help")).contains(SmsKeyword.HELP);
		assertThat(SmsKeyword.of(" INFO ")).contains(SmsKeyword.HELP);
	}

	@Test
	void aSentenceWithTheWordIsAMessageNotAKeyword() {
		assertThat(SmsKeyword.of("stop please")).isEmpty();
		assertThat(SmsKeyword.of("Please stop the bus at Elm")).isEmpty();
		assertThat(SmsKeyword.of("STOP.")).isEmpty();
		assertThat(SmsKeyword.of("")).isEmpty();
		assertThat(SmsKeyword.of("yes, she will come")).isEmpty();
	}
}
