package org.homeroom.messaging.delivery;

import java.util.List;
import java.util.UUID;

/**
 * The announcements the worker releases, as the delivery engine sees them: which are due, releasing
 * one, and recording a release that failed. Announcements implement it; the engine stays free of
 * what an announcement is.
 */
public interface Releases {

	/** Due announcements, oldest first, a handful at a time. */
	List<UUID> due();

	/**
	 * Translates the announcement for its audience's languages (outside any transaction), then
	 * resolves the audience and queues the deliveries with the translations, in one transaction; one
	 * already taken is left alone. Called inside a transaction, it cannot ask an engine, and releases
	 * the original, labelled as untranslated.
	 */
	void release(UUID announcement);

	/** Records a failed release, to be tried again later; answers whether it is now FAILED for good. */
	boolean failed(UUID announcement, RuntimeException failure);
}
