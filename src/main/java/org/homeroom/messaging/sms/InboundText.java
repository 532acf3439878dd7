package org.homeroom.messaging.sms;

import java.time.Instant;
import java.util.UUID;

/**
 * A text a family sent in, as stored.
 *
 * @param id the stored text's id
 * @param from the sender's number, E.164 when it is a phone
 * @param to the school's number it was sent to
 * @param body what they wrote
 * @param providerSid the provider's id of the message
 * @param receivedAt when it reached Homeroom
 */
public record InboundText(UUID id, String from, String to, String body, String providerSid, Instant receivedAt) {
}
