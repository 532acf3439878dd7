package org.homeroom.messaging.conversations;

import java.time.Duration;
import java.time.LocalTime;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param digestAt from when, in the district's time zone, each member of staff with conversations
 *     waiting for their answer is e-mailed the day's digest (once a day)
 * @param retention how long a conversation is kept after its last message, a district setting
 *     ({@code HOMEROOM_CONVERSATION_RETENTION}, a period such as {@code 3y} or {@code P18M}). Three
 *     years by default: a thread is a record of contact with a family that a school may need to
 *     look back on through a student's time in one school and a complaint or appeal after it, while
 *     a family's words are not kept for ever; a district whose records schedule says otherwise sets
 *     its own (docs/retention.md)
 * @param translationWait how long a conversation page waits for an engine to translate a message
 *     not translated yet ({@code HOMEROOM_MESSAGING_CONVERSATIONS_TRANSLATION_WAIT}); after it the
 *     page shows the original marked "translation on its way" and the live list fills the
 *     translation in. Two seconds by default: most engines answer a message well within it, and an
 *     engine may take up to its 20-second timeout, which no reader should wait for
 */
@ConfigurationProperties("homeroom.messaging.conversations")
record ConversationSettings(@DefaultValue("07:00") LocalTime digestAt, @DefaultValue("3y") Period retention,
		@DefaultValue("2s") Duration translationWait) {
}
