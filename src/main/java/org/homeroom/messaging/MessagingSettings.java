package org.homeroom.messaging;

import java.time.Duration;
import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param quietHoursStart when quiet hours begin, in the district's time zone: deliveries other
 *     than URGENT that fall in them wait until they end
 * @param quietHoursEnd when quiet hours end
 * @param emailsPerSecond the most e-mails one node hands to the SMTP server in a second: the limit is
 *     per node, so n nodes delivering at once hand off up to n times as many
 * @param maxAttempts how often a delivery is tried before it is FAILED
 * @param firstRetryAfter the wait before the first retry; it doubles with each further one
 * @param releaseAttempts how often the release of an announcement is tried before it is FAILED
 * @param firstReleaseRetryAfter the wait before a failed release is tried again; it doubles with each further one
 * @param batchSize how many due deliveries a worker claims at once
 * @param nodeTimeout how long a node may miss its heartbeat before its in-flight rows are reconciled
 * @param worker whether this node delivers at all (every node does, unless told otherwise)
 * @param publicUrl the address families reach Homeroom at, for links in e-mails (never taken from a request)
 */
@ConfigurationProperties("homeroom.messaging")
public record MessagingSettings(@DefaultValue("21:00") LocalTime quietHoursStart, @DefaultValue("07:00") LocalTime quietHoursEnd,
		@DefaultValue("50") int emailsPerSecond, @DefaultValue("5") int maxAttempts,
		@DefaultValue("30s") Duration firstRetryAfter, @DefaultValue("5") int releaseAttempts,
		@DefaultValue("10s") Duration firstReleaseRetryAfter, @DefaultValue("200") int batchSize,
		@DefaultValue("15s") Duration nodeTimeout, @DefaultValue("true") boolean worker,
		@DefaultValue("http://localhost:8080") String publicUrl) {
}
