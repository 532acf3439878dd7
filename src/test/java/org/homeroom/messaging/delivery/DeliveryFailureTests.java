package org.homeroom.messaging.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** A mail server's 5xx is a refusal for good, anything else is worth another try; no reason kept names an address. */
class DeliveryFailureTests {

	@Test
	void aRecipientRefusedWithA5xxReplyFailsForGoodAndTheReasonKeepsTheServersWordsWithoutTheAddress() throws Exception {
		SendFailedException refused = new SendFailedException("Invalid Addresses",
				new SMTPAddressFailedException(new InternetAddress("ana.lopez@family.example"), "RCPT TO:<ana.lopez@family.example>",
						550, "550 5.1.1 <ana.lopez@family.example>: Recipient address rejected: User unknown\n"));

		DeliveryFailure failure = DeliveryFailure.of(refused);

		assertThat(failure.permanent()).isTrue();
		assertThat(failure.replyCode()).isEqualTo(550);
		assertThat(failure.reason()).isEqualTo("550 5.1.1 [address]: Recipient address rejected: User unknown");
	}

	@Test
	void aMessageTheServerPutsOffWithA4xxReplyIsTriedAgain() throws Exception {
		DeliveryFailure failure = DeliveryFailure.of(new SMTPSendFailedException("DATA", 451, "451 4.3.0 Try again later", null,
				null, null, null));

		assertThat(failure.permanent()).isFalse();
		assertThat(failure.replyCode()).isEqualTo(451);
	}

	@Test
	void aServerThatCannotBeReachedIsTriedAgainAndTheReasonSaysWhy() {
		DeliveryFailure failure = DeliveryFailure.of(new MessagingException("Couldn't connect to host, port: mail.example, 25",
				new ConnectException("Connection refused")));

		assertThat(failure.permanent()).isFalse();
		assertThat(failure.reason()).isEqualTo("Couldn't connect to host, port: mail.example, 25: Connection refused");
	}

	@Test
	void aLongReasonIsCutShort() {
		DeliveryFailure failure = DeliveryFailure.of(new MessagingException("x".repeat(2_000)));

		assertThat(failure.reason()).hasSize(DeliveryFailure.REASON_LENGTH).endsWith("…");
	}
}
