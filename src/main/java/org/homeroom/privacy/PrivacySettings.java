package org.homeroom.privacy;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param accessLogRetention how long the access log keeps a disclosure, a district setting
 *     ({@code HOMEROOM_ACCESS_LOG_RETENTION}, e.g. {@code 7y} or {@code P5Y6M}). FERPA (34 CFR
 *     99.32(a)(2)) asks that the record of disclosures be kept as long as the student's education
 *     records are; those live in the district's SIS and its state's records schedule decides how
 *     long, which Homeroom cannot know. Seven years is a common schedule for such audit records
 *     after a student leaves, so it is the default; a district whose schedule says otherwise sets
 *     its own.
 */
@ConfigurationProperties("homeroom.privacy")
record PrivacySettings(@DefaultValue("7y") Period accessLogRetention) {
}
