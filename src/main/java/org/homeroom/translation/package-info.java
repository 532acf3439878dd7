/**
 * Translation: every family reads what the school writes in its own language, and staff read the
 * families' replies in theirs. Engines (LibreTranslate, Apertium APy, Google Cloud Translation) sit
 * behind one port, {@link org.homeroom.translation.TranslationEngine}, and are chosen per language by
 * {@link org.homeroom.translation.TranslationRoutes}, because no engine serves every language well.
 * Nothing leaves the district's servers unless an administrator configured an engine that lives
 * elsewhere.
 *
 * <p>The clients (package {@code engines}) exist only for the engines configured in
 * {@link org.homeroom.translation.TranslationSettings} ({@code homeroom.translation.*}), whose routes
 * are checked at start-up. {@code EngineDiscovery} asks each engine which pairs it serves once the
 * application is ready (never holding start-up) and when a district administrator asks again on
 * Administration → Translation, which also shows where each engine's text goes and which engine,
 * if any, serves each language the district's families prefer (see docs/translation.md).
 *
 * <p>{@link org.homeroom.translation.ReplyLanguages} tells the language a family's reply is written in,
 * offline with Lingua, among the district's languages only (docs/translation.md, "Reply languages").
 *
 * <p>The entry is {@link org.homeroom.translation.Translations}: a message's texts in each language its
 * recipients read, as a {@link org.homeroom.translation.Translation} per language that says how it was
 * made (original, reviewed, machine, untranslated; curated is reserved). It makes at most one engine
 * request per language, and none for a text cached before. Placeholders and the district glossary (kept
 * by district administrators under Administration) are replaced by markers the engines leave alone, so
 * names are never sent and glossary terms survive any engine. An answer that breaks a marker leaves the
 * message untranslated. It never calls an engine inside a database transaction. See docs/translation.md.
 *
 * <p>{@link org.homeroom.translation.CuratedTexts} serves the automatic messages' words (sign-in codes, the
 * SMS HELP reply, the automatic office-hours answer...; the list is {@code AutomaticMessages}): the
 * district's own text in a language when a district administrator edited it on Administration →
 * Translation → Automatic messages, else the shipped bundle text. A curated text always wins; an engine
 * never sees these messages. Accounts and messaging read them there (docs/translation.md, "Curated texts").
 *
 * <p>{@link org.homeroom.translation.TranslationReviews} is human review: for the categories a district
 * administrator chose, a machine translation into a language with a reviewer (staff holding a translator
 * grant, {@link org.homeroom.translation.Translators}) waits for that reviewer's approved text, which is kept
 * and answered as REVIEWED for every later identical message; an urgent one waits at most
 * {@code homeroom.translation.review.urgent-wait}, then the reviewers are told. The category names come
 * from messaging through the port {@link org.homeroom.translation.ReviewableCategories}; an approval is
 * announced as {@link org.homeroom.translation.TranslationApproved} (docs/translation.md, "Human review").
 *
 * <p>Depends on {@code shared}, {@code platform} and {@code directory} (which languages the district's
 * families prefer; the staff records reviewers are granted to); {@code messaging} and {@code accounts}
 * depend on it, never the other way round.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "directory" })
package org.homeroom.translation;
