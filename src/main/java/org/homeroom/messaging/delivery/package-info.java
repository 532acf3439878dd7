/**
 * The delivery engine inside messaging: the worker that claims due deliveries on any number of
 * nodes, checks them again just before hand-off, hands them to their channels (e-mail over SMTP,
 * the in-app inbox), retries what failed for now, fails what was refused for good, holds all but
 * urgent messages in quiet hours, and reconciles what a dead node left in flight; the fallbacks to a
 * guardian's next channel, made the moment a delivery fails for good or is skipped as it was about
 * to go (a number that opted out since it was queued); the renderer that
 * makes each family's copy, in the family's language, labelled as machine-translated (with the
 * original) or carrying the interpreter line where no engine translated it ({@code LanguageVersions}). It releases announcements through {@link org.homeroom.messaging.delivery.Releases},
 * which the announcements side implements, and is internal to the messaging module.
 */
package org.homeroom.messaging.delivery;
