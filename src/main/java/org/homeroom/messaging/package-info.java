/**
 * Announcements to families, and the engine that delivers them once each: an audience resolved in
 * the database when the announcement is released, one delivery row per guardian and channel,
 * workers on any number of nodes that claim due rows with {@code FOR UPDATE SKIP LOCKED}, retries
 * that back off, quiet hours, and a reconciliation of the rows a dead node left in flight. Its
 * channels are the in-app inbox, e-mail and SMS, with a fall-back to a family's next channel. Staff
 * keep saved templates per school (or for the whole district), with the placeholders it knows.
 * <p>Two-way conversations about one student live in {@code messaging.conversations}, with their
 * attachments ({@code messaging.attachments}) and staff's office hours ({@code messaging.officehours});
 * the SMS channel (Twilio's API, its webhooks, keywords and an outbox for one-off texts) in
 * {@code messaging.sms}.
 * <p>Its entry points: {@link org.homeroom.messaging.Announcements} (writing and releasing),
 * {@link org.homeroom.messaging.DeliveryReports}, {@link org.homeroom.messaging.FamilyInbox} (the
 * inbox and a family's choices) and {@link org.homeroom.messaging.MessageTemplates}; the delivery
 * engine lives in {@code messaging.delivery}. The reach report ({@code messaging.reach}: which
 * families a period's announcements reached, and in their language or not, counts only) is for
 * district and school administrators.
 * <p>Before sending, {@code DraftTranslations} shows the sender the draft in each of its
 * families' languages (through {@link org.homeroom.translation.Translations}, outside any
 * transaction), who would get the original with the interpreter line, and what is too long for an SMS.
 * <p>Whom an announcement reaches is the directory's decision ({@link org.homeroom.directory.Directory#audience}),
 * so the access rules and the no-contact restrictions are applied where they are written.
 * <p>Depends on {@code shared}, {@code platform}, {@code directory}, {@code tasks} and {@code translation}
 * (the language a family's reply is written in; the translations shown before sending; each announcement
 * in its families' languages: {@code AnnouncementReleases} translates an announcement once per language
 * before its release transaction opens, and every channel reads the family's version from
 * {@code messaging.announcement_translation}; human review, which may hold a release until a reviewer
 * approves a language's text ({@code TranslationReviews}); and the words of its automatic messages, {@code CuratedTexts}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "directory", "tasks", "translation" })
package org.homeroom.messaging;
