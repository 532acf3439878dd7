/**
 * Two-way conversations inside messaging: 1:1 threads about one student between a member of staff
 * (or a school's office) and that student's guardians. Who may see a thread is the directory's one
 * access policy ({@link org.homeroom.directory.Directory#canSee}) together with the no-contact
 * restrictions ({@link org.homeroom.directory.Audiences#guardiansToContactAbout}), checked on every
 * read and at the moment a message is posted; every read, list and search is in the access log.
 * <p>Its entry point is {@link org.homeroom.messaging.conversations.Conversations}; each posted
 * message is announced, after commit, as
 * {@link org.homeroom.messaging.conversations.ConversationMessagePosted} (ids only), for the
 * channels (SMS) to pick up. After commit, the language of each message a guardian writes is told
 * (translation's {@link org.homeroom.translation.ReplyLanguages}) and kept; staff reading a thread are
 * shown a guardian whose last three told replies were in another language than their preferred one,
 * as a suggestion to update it. Each side reads the other's messages in its own language
 * ({@link org.homeroom.messaging.conversations.ConversationTranslations}): translated after commit,
 * or on demand outside any transaction, kept per message and language, labelled, with the original
 * one tap away. It is a named interface so that modules above messaging (a home page)
 * may read from it.
 * <p>Any message, a thread's first one included, may carry files through
 * {@link org.homeroom.messaging.attachments.Attachments}, stored in the same transaction as the
 * message (and, for a first message, as the thread), so a refused file leaves nothing behind.
 */
@org.springframework.modulith.NamedInterface("conversations")
package org.homeroom.messaging.conversations;
