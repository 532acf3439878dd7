package org.homeroom.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.homeroom.directory.AudienceCriteria;
import org.homeroom.directory.AudienceQuery;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Viewer;
import org.homeroom.messaging.delivery.DeliveryFailure;
import org.homeroom.messaging.delivery.Fallbacks;
import org.homeroom.messaging.delivery.QuietHours;
import org.homeroom.translation.Translation;
import org.homeroom.translation.TranslationApproved;
import org.homeroom.translation.TranslationReviews;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The database side of an announcement's release, each step a transaction of its own, so that
 * {@link AnnouncementReleases} can translate between them with no transaction open: what to
 * translate, waiting for a reviewer, the release itself (recipients, deliveries, translations), which
 * announcements are due, and a release that failed.
 */
@Component
class AnnouncementReleaseTransactions {

	/** How often an announcement waiting for a reviewer is looked at again, if no approval calls it sooner. */
	static final Duration RECHECK = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final Announcements announcements;

	private final Directory directory;

	private final JsonMapper json;

	private final MessagingSettings settings;

	private final Clock clock;

	private final DistrictClock districtClock;

	private final Fallbacks fallbacks;

	private final AnnouncementTranslations translations;

	AnnouncementReleaseTransactions(JdbcClient jdbc, Announcements announcements, Directory directory, JsonMapper json,
			MessagingSettings settings, Clock clock, DistrictClock districtClock, Fallbacks fallbacks,
			AnnouncementTranslations translations) {
		this.jdbc = jdbc;
		this.announcements = announcements;
		this.directory = directory;
		this.json = json;
		this.settings = settings;
		this.clock = clock;
		this.districtClock = districtClock;
		this.fallbacks = fallbacks;
		this.translations = translations;
	}

	/**
	 * Resolves the audience and queues the deliveries, both in SQL: one row per guardian and child,
	 * then one delivery per guardian and channel naming all of that guardian's children. A scheduled
	 * announcement is released by the delivery worker when it falls due.
	 */
	@Transactional
	void release(UUID id) {
		release(id, null, Map.of());
	}

	/**
	 * What a release must translate first, before its transaction opens: the texts, the version they
	 * are at, and the languages the audience prefers now (see {@link AnnouncementReleases}).
	 */
	@Transactional(readOnly = true)
	Optional<ToTranslate> toTranslate(UUID id) {
		Optional<Waiting> announcement = jdbc.sql("""
				select author, array_to_string(author_roles, ',') as roles, category, audience::text as audience, subject, body,
				       version, review_since, machine_release_by
				from messaging.announcement where id = ? and status = 'SCHEDULED'""")
			.param(id).query(Waiting.class).optional();
		return announcement.map(found -> {
			AudienceQuery audience = announcements.audience(directory.viewerOf(found.author(), Set.of(found.roles().split(","))),
					json.readValue(found.audience(), AudienceCriteria.class));
			List<String> languages = jdbc.sql("select distinct a.language from (%s) a".formatted(audience.sql()))
				.params(audience.parameters()).query(String.class).list();
			return new ToTranslate(found.subject(), found.body(), found.version(), languages, found.category(),
					found.reviewSince(), found.machineReleaseBy() != null);
		});
	}

	/**
	 * An announcement's texts as they were translated for its release, the languages they went to, and
	 * what human review needs: its category, since when it waits for a reviewer (null until it first
	 * does), and whether its sender chose to send the machine translation without waiting.
	 */
	record ToTranslate(String subject, String body, long version, List<String> languages, Category category,
			Instant reviewSince, boolean machineChosen) {
	}

	private record Waiting(String author, String roles, Category category, String audience, String subject, String body,
			long version, Instant reviewSince, String machineReleaseBy) {
	}

	/**
	 * Leaves the announcement SCHEDULED while its translations wait for a reviewer, saying for which
	 * languages and until when, and when the worker should look again: at the urgent deadline, or
	 * after {@link #RECHECK} (an approval brings that forward, see {@link #reviewed}). Its version is
	 * left alone, so a sender's open form stays current. Nothing happens when it changed meanwhile.
	 */
	@Transactional
	void awaitReview(UUID id, long version, Instant since, TranslationReviews.ReviewWait wait) {
		Instant recheck = clock.instant().plus(RECHECK);
		Instant next = wait.until() != null && wait.until().isBefore(recheck) ? wait.until() : recheck;
		jdbc.sql("""
				update messaging.announcement set review_languages = string_to_array(:languages, ','),
				       review_since = coalesce(review_since, :since), review_until = :until, next_release_at = :next
				where id = :id and version = :version and status = 'SCHEDULED'""")
			.param("languages", String.join(",", wait.languages()))
			.param("since", Timestamp.from(since))
			.param("until", wait.until() == null ? null : Timestamp.from(wait.until()))
			.param("next", Timestamp.from(next))
			.param("id", id)
			.param("version", version)
			.update();
	}

	/** An approval may be what an announcement waits for: those waiting are looked at on the worker's next pass. */
	@ApplicationModuleListener
	void reviewed(TranslationApproved approved) {
		jdbc.sql("""
				update messaging.announcement set next_release_at = ?
				where status = 'SCHEDULED' and ? = any (review_languages)""")
			.params(Timestamp.from(clock.instant()), approved.language()).update();
	}

	/**
	 * Releases the announcement with the translations made for it, unless it changed since (then the
	 * next pass translates it again); {@code version} null releases it as it stands.
	 */
	@Transactional
	void release(UUID id, Long version, Map<String, Translation> translated) {
		Release announcement = jdbc.sql("""
				select author, array_to_string(author_roles, ',') as roles, category, array_to_string(channels, ',') as channels,
				       audience::text as audience, subject, body, version
				from messaging.announcement where id = ? and status = 'SCHEDULED' for update skip locked""")
			.param(id).query(Release.class).optional().orElse(null);
		if (announcement == null || (version != null && announcement.version() != version)) {
			return;
		}
		Set<String> roles = Set.of(announcement.roles().split(","));
		Viewer sender = directory.viewerOf(announcement.author(), roles);
		AudienceQuery audience = announcements.audience(sender, json.readValue(announcement.audience(), AudienceCriteria.class));
		// A district's release is two statements over hundreds of thousands of rows: their sorts
		// fit in memory with more than the default work_mem, and compiling them with JIT costs more
		// than it saves. Neither statement can meet a row it wrote (the announcement is locked and
		// released once), so a plain insert: a duplicate would be a bug, and fails loudly.
		jdbc.sql("set local work_mem = '64MB'").update();
		jdbc.sql("set local jit = off").update();
		jdbc.sql("""
				insert into messaging.recipient (announcement_id, guardian_id, student_id, guardian_name, student_name, school_name,
				                                 language, email, phone, excluded)
				select :announcement, a.guardian_id, a.student_id, a.guardian_name, a.student_name, a.school_name, a.language, a.email,
				       a.phone,
				       case when a.no_contact then 'NO_CONTACT_RESTRICTION' when not a.reachable then 'NO_USABLE_CONTACT' end
				from (%s) a""".formatted(audience.sql()))
			.params(audience.parameters())
			.param("announcement", id)
			.update();
		Category category = Category.valueOf(announcement.category());
		Instant now = clock.instant();
		Instant due = new QuietHours(settings.quietHoursStart(), settings.quietHoursEnd(), districtClock.zone())
			.allowedFrom(now, category);
		jdbc.sql("""
				insert into messaging.delivery (id, announcement_id, guardian_id, channel, language, address, guardian_name,
				                                child_names, school_names, status, next_attempt_at)
				select gen_random_uuid(), r.announcement_id, r.guardian_id, ch.channel, r.language,
				       case ch.channel when 'EMAIL' then r.email when 'SMS' then r.phone end, r.guardian_name,
				       string_agg(r.student_name, ', ' order by r.student_name),
				       string_agg(distinct r.school_name, ', '), 'QUEUED', :due
				from messaging.recipient r
				cross join unnest(string_to_array(:channels, ',')) as ch (channel)
				where r.announcement_id = :announcement and r.excluded is null
				  and (ch.channel <> 'EMAIL' or r.email is not null) and (ch.channel <> 'SMS' or r.phone is not null)
				  and not (:optional and exists (select 1 from messaging.opt_out o where o.guardian_id = r.guardian_id
				                                 and o.category = :category and o.channel = ch.channel))
				group by r.announcement_id, r.guardian_id, ch.channel, r.language, r.email, r.phone, r.guardian_name""")
			.param("announcement", id)
			.param("channels", announcement.channels())
			.param("category", category.name())
			.param("optional", category.optional())
			.param("due", Timestamp.from(due))
			.update();
		translations.store(id, announcement.subject(), announcement.body(), translated);
		fallbacks.afterRelease(id, category);
		jdbc.sql("update messaging.announcement set status = 'RELEASED', released_at = ?, version = version + 1 where id = ?")
			.params(Timestamp.from(now), id).update();
	}

	/**
	 * Scheduled announcements that are due (and failed releases whose wait is over), oldest first;
	 * {@link #release} takes each on one node only.
	 */
	@Transactional(readOnly = true)
	List<UUID> dueAnnouncements() {
		return jdbc.sql("""
				select id from messaging.announcement
				where status = 'SCHEDULED' and coalesce(next_release_at, scheduled_at) <= ?
				order by coalesce(next_release_at, scheduled_at) limit 20""")
			.param(Timestamp.from(clock.instant())).query(UUID.class).list();
	}

	/**
	 * Records a release that failed: tried again after a wait that doubles each time, and FAILED once
	 * the attempts run out, with the reason (addresses taken out) for its sender.
	 *
	 * @return whether the announcement is now FAILED
	 */
	@Transactional
	boolean releaseFailed(UUID id, RuntimeException failure) {
		Integer attempts = jdbc.sql("select release_attempts from messaging.announcement where id = ? and status = 'SCHEDULED' for update")
			.param(id).query(Integer.class).optional().orElse(null);
		if (attempts == null) {
			return false;
		}
		int made = attempts + 1;
		boolean last = made >= settings.releaseAttempts();
		Instant next = clock.instant().plus(settings.firstReleaseRetryAfter().multipliedBy(1L << Math.min(made - 1, 16)));
		String reason = DeliveryFailure.sanitized(failure.getMessage() == null || failure.getMessage().isBlank()
				? failure.getClass().getSimpleName() : failure.getMessage());
		jdbc.sql("""
				update messaging.announcement set release_attempts = ?, next_release_at = ?, release_error = ?, status = ?,
				       version = version + 1
				where id = ?""")
			.params(made, Timestamp.from(next), reason, last ? "FAILED" : "SCHEDULED", id).update();
		return last;
	}

	private record Release(String author, String roles, String category, String channels, String audience, String subject,
			String body, long version) {
	}
}
