package org.homeroom.messaging;

import java.util.Map;

/**
 * Whom an announcement would reach if released now: guardians, by language, and those left out by
 * reason ({@code NO_CONTACT_RESTRICTION}, {@code NO_USABLE_CONTACT}, {@code OPTED_OUT} per channel).
 */
public record AudiencePreview(long guardians, Map<String, Long> byLanguage, Map<String, Long> excluded) {
}
