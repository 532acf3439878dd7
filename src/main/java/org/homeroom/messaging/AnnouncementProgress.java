package org.homeroom.messaging;

import java.time.Instant;
import java.time.LocalTime;

import org.homeroom.messaging.delivery.QuietHours;

/**
 * Where an announcement stands, for its sender's page: {@code quietHoursEnd} is set while its
 * messages wait for quiet hours to end (a time of day in the district's zone), {@code error} when
 * its release failed for good.
 */
public record AnnouncementProgress(State state, LocalTime quietHoursEnd, String error) {

	public enum State {
		SCHEDULED, WAITING_FOR_REVIEW, SENDING, WAITING_FOR_QUIET_HOURS, SENT, FAILED, CANCELLED
	}

	/**
	 * The status the badge shows, as a key under {@code announcements.status}: a released
	 * announcement says "Sending" until every delivery is final, and one whose release is due says
	 * "Sending" too, rather than the "Sent" or "Scheduled" of its own status.
	 */
	public String badge() {
		return switch (state) {
			case SCHEDULED -> "SCHEDULED";
			case WAITING_FOR_REVIEW -> "REVIEW";
			case SENDING, WAITING_FOR_QUIET_HOURS -> "SENDING";
			case SENT -> "RELEASED";
			case FAILED -> "FAILED";
			case CANCELLED -> "CANCELLED";
		};
	}

	/**
	 * The one rule for both the announcement's page and the list, so they never disagree; {@code inFlight}
	 * is whether any of its deliveries is still queued or sending, {@code inReview} whether its release
	 * waits for a reviewer's approved translation, {@code quiet} the district's quiet hours, which end
	 * at {@code quietEnd}.
	 */
	static AnnouncementProgress of(String status, Instant scheduledAt, Category category, String releaseError,
			boolean inFlight, boolean inReview, Instant now, QuietHours quiet, LocalTime quietEnd) {
		switch (status) {
			case "CANCELLED":
				return of(State.CANCELLED);
			case "FAILED":
				return failed(releaseError);
			case "SCHEDULED":
				return of(scheduledAt.isAfter(now) ? State.SCHEDULED : inReview ? State.WAITING_FOR_REVIEW : State.SENDING);
			default:
				break;
		}
		if (!inFlight) {
			return of(State.SENT);
		}
		if (category != Category.URGENT && quiet.quiet(now)) {
			return quietUntil(quietEnd);
		}
		return of(State.SENDING);
	}

	static AnnouncementProgress of(State state) {
		return new AnnouncementProgress(state, null, null);
	}

	static AnnouncementProgress quietUntil(LocalTime end) {
		return new AnnouncementProgress(State.WAITING_FOR_QUIET_HOURS, end, null);
	}

	static AnnouncementProgress failed(String error) {
		return new AnnouncementProgress(State.FAILED, null, error);
	}
}
