package org.homeroom.messaging;

import java.util.List;
import java.util.UUID;

import org.homeroom.messaging.delivery.Releases;
import org.springframework.stereotype.Component;

/** Hands the delivery worker the release of announcements, which stays package-private to this package. */
@Component
class AnnouncementReleases implements Releases {

	private final Announcements announcements;

	AnnouncementReleases(Announcements announcements) {
		this.announcements = announcements;
	}

	@Override
	public List<UUID> due() {
		return announcements.dueAnnouncements();
	}

	@Override
	public void release(UUID announcement) {
		announcements.release(announcement);
	}

	@Override
	public boolean failed(UUID announcement, RuntimeException failure) {
		return announcements.releaseFailed(announcement, failure);
	}
}
