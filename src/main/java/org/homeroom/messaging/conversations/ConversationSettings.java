package org.homeroom.messaging.conversations;

import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param digestAt from when, in the district's time zone, each member of staff with conversations
 *     waiting for their answer is e-mailed the day's digest (once a day)
 */
@ConfigurationProperties("homeroom.messaging.conversations")
record ConversationSettings(@DefaultValue("07:00") LocalTime digestAt) {
}
