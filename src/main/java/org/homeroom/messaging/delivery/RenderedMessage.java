package org.homeroom.messaging.delivery;

/** One family's copy of an announcement, ready for a channel; {@code unsubscribeUrl} only where it may be declined. */
record RenderedMessage(String subject, String text, String html, String unsubscribeUrl) {
}
