package org.homeroom.translation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Human review's one setting. An urgent message (a closure, a lockdown) cannot wait for a reviewer
 * who is teaching: after {@code urgentWait} its labelled machine translation goes out and the
 * reviewers are told. A record of its own under the module's prefix rather than a field of
 * {@link TranslationSettings}, so the engines' settings keep their shape.
 *
 * @param urgentWait how long an urgent message waits for a reviewer's approved text (default 10 minutes)
 */
@ConfigurationProperties("homeroom.translation.review")
public record ReviewSettings(Duration urgentWait) {

	public static final Duration DEFAULT_URGENT_WAIT = Duration.ofMinutes(10);

	public ReviewSettings {
		urgentWait = urgentWait == null ? DEFAULT_URGENT_WAIT : urgentWait;
		if (urgentWait.isNegative()) {
			throw new IllegalArgumentException("homeroom.translation.review.urgent-wait must not be negative");
		}
	}
}
