package org.homeroom.home;

import java.time.Instant;
import java.util.UUID;

/**
 * A conversation as a home page lists it: for a family, a thread with a new message; for staff, a
 * family's reply waiting for an answer. Filled in from the conversations of {@code messaging} once
 * they exist (see {@link HomePageController#conversationsFor}).
 *
 * @param studentName the child the thread is about
 * @param with who is on the other side ("Ms. Rivera, 3rd-grade teacher", or the guardian's name)
 * @param excerpt the start of the newest message
 * @param href where the thread opens
 */
public record ConversationLine(UUID id, String studentName, String with, String excerpt, Instant at, String href) {
}
