package org.homeroom.messaging;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who was reached. {@code byChannel} counts QUEUED, SENDING, SENT, FAILED and UNCERTAIN per
 * channel, and OPENED for the inbox (e-mail opens are not tracked); {@code resentAfterCrash} counts
 * e-mails that were in flight when a node died and went out again with the same Message-ID.
 */
public record DeliveryReport(UUID announcementId, String status, Map<String, Map<String, Long>> byChannel,
		Map<String, Map<String, Long>> byLanguage, Map<String, Long> excluded, long resentAfterCrash,
		List<Unreached> unreached) {

	/** A guardian nobody reached: no usable contact, or every channel failed. */
	public record Unreached(UUID guardianId, String guardianName, String children, String reason) {
	}
}
