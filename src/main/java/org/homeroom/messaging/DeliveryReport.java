package org.homeroom.messaging;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who was reached. {@code byChannel} counts QUEUED, SENDING, SENT, DELIVERED, UNDELIVERED (these two
 * from the SMS provider's word), FAILED, UNCERTAIN and SKIPPED per channel, and OPENED for the inbox
 * (e-mail opens are not tracked); {@code resentAfterCrash} counts e-mails that were in flight when a
 * node died and went out again with the same Message-ID. {@code fellBack} counts the deliveries made
 * on another channel because the family had none of the chosen ones or one failed for good.
 * {@code excluded} counts the families left out at release, by reason; {@code skipped} the
 * deliveries stopped by the check just before hand-off (a restriction or a choice made since), by reason.
 * {@code failures} lists the deliveries that failed for good, with the reason the channel gave
 * (addresses taken out), so that staff can tell a mistyped address from a server that was down.
 * {@code inTheirLanguage} counts, per family language, the guardians who received the announcement
 * (a delivery SENT or DELIVERED) by how their language's version was made: ORIGINAL (it was written in
 * their language), CURATED, REVIEWED, MACHINE, or UNTRANSLATED (the original with the interpreter line):
 * all but the last received it in their language.
 */
public record DeliveryReport(UUID announcementId, String status, Map<String, Map<String, Long>> byChannel,
		Map<String, Map<String, Long>> byLanguage, Map<String, Long> excluded, Map<String, Long> skipped, long resentAfterCrash,
		long fellBack, List<Unreached> unreached, List<Failure> failures, Map<String, Map<String, Long>> inTheirLanguage) {

	/** How a language's version can have been made, in the order the report shows them. */
	public static final List<String> VERSIONS = List.of("ORIGINAL", "CURATED", "REVIEWED", "MACHINE", "UNTRANSLATED");

	/** The most failures a report lists; the counts by channel still count them all. */
	static final int FAILURES_LISTED = 200;

	/** A delivery that failed for good, and why. */
	public record Failure(UUID deliveryId, UUID guardianId, String guardianName, Channel channel, int attempts,
			String reason) {
	}

	/** A guardian nobody reached: no usable contact, or every channel failed. */
	public record Unreached(UUID guardianId, String guardianName, String children, String reason) {
	}
}
