package org.homeroom.messaging;

import java.time.LocalTime;

/**
 * Where an announcement stands, for its sender's page: {@code quietHoursEnd} is set while its
 * messages wait for quiet hours to end (a time of day in the district's zone), {@code error} when
 * its release failed for good.
 */
public record AnnouncementProgress(State state, LocalTime quietHoursEnd, String error) {

	public enum State {
		SCHEDULED, SENDING, WAITING_FOR_QUIET_HOURS, SENT, FAILED, CANCELLED
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
