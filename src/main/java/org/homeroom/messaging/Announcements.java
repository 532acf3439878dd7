package org.homeroom.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.commons.codec.digest.DigestUtils;
import org.homeroom.directory.AudienceCriteria;
import org.homeroom.directory.AudienceQuery;
import org.homeroom.directory.Audiences;
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Viewer;
import org.homeroom.messaging.delivery.QuietHours;
import org.homeroom.messaging.sms.SmsSender;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Announcements: written, previewed, scheduled, changed or cancelled until they are released. A
 * sender reaches only families of students the access policy lets them see, and only a district
 * administrator may write to the whole district. The delivery worker releases every announcement,
 * off the request thread ({@link AnnouncementReleases}, with {@link AnnouncementReleaseTransactions}
 * for its database steps).
 */
@Service
public class Announcements {

	/** Why an account with no staff role is refused announcements and templates. */
	static final String FOR_STAFF = "Announcements are written by staff";

	private final JdbcClient jdbc;

	private final Directory directory;

	private final Audiences audiences;

	private final JsonMapper json;

	private final MessagingSettings settings;

	private final Clock clock;

	private final List<AudienceFilter> filters;

	private final DistrictClock districtClock;

	private final SmsSender sms;

	Announcements(JdbcClient jdbc, Directory directory, Audiences audiences, JsonMapper json, MessagingSettings settings, Clock clock,
			List<AudienceFilter> filters, DistrictClock districtClock, SmsSender sms) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.audiences = audiences;
		this.json = json;
		this.settings = settings;
		this.clock = clock;
		this.filters = filters;
		this.districtClock = districtClock;
		this.sms = sms;
	}

	/** The channels staff may choose now: SMS only where the district has it configured, or in demo mode. */
	public Set<Channel> availableChannels() {
		return sms.available() ? EnumSet.allOf(Channel.class) : EnumSet.of(Channel.IN_APP, Channel.EMAIL);
	}

	private void requireAvailable(Set<Channel> channels) {
		if (!availableChannels().containsAll(channels)) {
			throw new InvalidInputException("channels", "SMS is not configured in this district");
		}
	}

	/** The answer to a create: the announcement, and whether this request made it or repeated an earlier one. */
	public record Created(AnnouncementView announcement, boolean repeated) {
	}

	/**
	 * Writes an announcement. It is released by the delivery worker, at once unless scheduled, and
	 * never on the request thread: the answer does not wait for an audience of any size to be
	 * resolved and queued, and a release that fails is retried there. With an idempotency key, a repeat
	 * of the same request answers the first announcement; the key with another request is refused.
	 */
	@Transactional
	public Created create(Viewer sender, AnnouncementRequest request, String idempotencyKey) {
		sender.requireStaff(FOR_STAFF);
		String requestHash = hash(json.writeValueAsString(request));
		if (idempotencyKey != null) {
			Optional<KeyUse> earlier = jdbc.sql("""
					select request_hash, announcement_id from messaging.idempotency_key where author = ? and key = ?""")
				.params(sender.name(), idempotencyKey).query(KeyUse.class).optional();
			if (earlier.isPresent()) {
				if (!earlier.get().requestHash().equals(requestHash)) {
					throw new IdempotencyKeyReusedException(idempotencyKey);
				}
				return new Created(find(earlier.get().announcementId()), true);
			}
		}
		requireAvailable(request.channels());
		audience(sender, request.audience());
		Instant now = clock.instant();
		Instant scheduledAt = request.scheduledAt() == null ? now : request.scheduledAt();
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into messaging.announcement (id, author, author_roles, subject, body, category, channels, audience, status,
				                                    scheduled_at, created_at)
				values (:id, :author, string_to_array(:roles, ','), :subject, :body, :category, string_to_array(:channels, ','),
				        cast(:audience as jsonb), 'SCHEDULED', :scheduledAt, :now)""")
			.param("id", id)
			.param("author", sender.name())
			.param("roles", String.join(",", sender.roles()))
			.param("subject", request.subject().strip())
			.param("body", request.body().strip())
			.param("category", request.category().name())
			.param("channels", request.channels().stream().map(Channel::name).sorted().collect(Collectors.joining(",")))
			.param("audience", json.writeValueAsString(request.audience()))
			.param("scheduledAt", Timestamp.from(scheduledAt))
			.param("now", Timestamp.from(now))
			.update();
		if (idempotencyKey != null) {
			jdbc.sql("insert into messaging.idempotency_key (author, key, request_hash, announcement_id, created_at) values (?, ?, ?, ?, ?)")
				.params(sender.name(), idempotencyKey, requestHash, id, Timestamp.from(now)).update();
		}
		return new Created(find(id), false);
	}

	/** Whom the announcement would reach now, and who would be left out and why. */
	@Transactional(readOnly = true)
	public AudiencePreview preview(Viewer sender, AudienceCriteria audience, Category category, Set<Channel> channels) {
		sender.requireStaff(FOR_STAFF);
		AudienceQuery query = audience(sender, audience);
		List<PreviewRow> rows = jdbc.sql("""
				select a.guardian_id, a.language, bool_and(a.no_contact) as no_contact, bool_or(a.reachable) as reachable,
				       max(a.email) as email, max(a.phone) as phone,
				       coalesce((select string_agg(o.channel, ',') from messaging.opt_out o
				                 where o.guardian_id = a.guardian_id and o.category = :category), '') as opted_out
				from (%s) a group by a.guardian_id, a.language""".formatted(query.sql()))
			.params(query.parameters())
			.param("category", category.name())
			.query(PreviewRow.class).list();
		Map<String, Long> byLanguage = new TreeMap<>();
		Map<String, Long> excluded = new TreeMap<>();
		long reached = 0;
		for (PreviewRow row : rows) {
			String reason = row.noContact() ? "NO_CONTACT_RESTRICTION" : !row.reachable() ? "NO_USABLE_CONTACT" : null;
			if (reason != null) {
				excluded.merge(reason, 1L, Long::sum);
				continue;
			}
			Set<String> optedOut = category.optional() ? Set.of(row.optedOut().split(",")) : Set.of();
			boolean anyChannel = false;
			for (Channel channel : channels) {
				if (optedOut.contains(channel.name())) {
					excluded.merge("OPTED_OUT_" + channel.name(), 1L, Long::sum);
				}
				else if (channel == Channel.EMAIL && row.email() == null) {
					excluded.merge("NO_EMAIL", 1L, Long::sum);
				}
				else if (channel == Channel.SMS && row.phone() == null) {
					excluded.merge("NO_PHONE", 1L, Long::sum);
				}
				else {
					anyChannel = true;
				}
			}
			if (anyChannel) {
				reached++;
				byLanguage.merge(row.language(), 1L, Long::sum);
			}
		}
		return new AudiencePreview(reached, byLanguage, excluded);
	}

	/**
	 * Where an announcement stands for its sender, in words the page can show: scheduled, being
	 * released or sent, waiting for quiet hours to end, sent, or failed.
	 */
	@Transactional(readOnly = true)
	public AnnouncementProgress progress(AnnouncementView announcement) {
		boolean inFlight = announcement.status().equals("RELEASED") && jdbc.sql(
				"select exists (select 1 from messaging.delivery where announcement_id = ? and status in ('QUEUED', 'SENDING'))")
			.param(announcement.id()).query(Boolean.class).single();
		boolean inReview = announcement.status().equals("SCHEDULED") && jdbc.sql(
				"select review_languages is not null and machine_release_by is null from messaging.announcement where id = ?")
			.param(announcement.id()).query(Boolean.class).single();
		return progress(announcement.status(), announcement.scheduledAt(), announcement.category(), announcement.releaseError(),
				inFlight, inReview);
	}

	/** The one rule of {@link AnnouncementProgress#of}, at this moment and with the district's quiet hours. */
	private AnnouncementProgress progress(String status, Instant scheduledAt, Category category, String releaseError,
			boolean inFlight, boolean inReview) {
		return AnnouncementProgress.of(status, scheduledAt, category, releaseError, inFlight, inReview, clock.instant(),
				new QuietHours(settings.quietHoursStart(), settings.quietHoursEnd(), districtClock.zone()),
				settings.quietHoursEnd());
	}

	@Transactional(readOnly = true)
	public AnnouncementView announcement(Viewer sender, UUID id) {
		AnnouncementView view = find(id);
		requireAuthorOrDistrict(sender, view);
		return view;
	}

	/** Changes what is not yet released; the audience is checked again as the sender's. */
	@Transactional
	AnnouncementView change(Viewer sender, UUID id, AnnouncementChanges changes) {
		AnnouncementView current = announcement(sender, id);
		requireUnreleased(current);
		long version = changes.version();
		if (current.version() != version) {
			throw new AnnouncementChangedException(id);
		}
		AnnouncementRequest changed = changes.applyTo(current);
		if (changed.subject().isBlank() || changed.body().isBlank() || changed.channels().isEmpty()) {
			throw new InvalidInputException(changed.subject().isBlank() ? "subject" : changed.body().isBlank() ? "body" : "channels",
					"must not be empty");
		}
		requireAvailable(changed.channels());
		audience(sender, changed.audience());
		Instant scheduledAt = changed.scheduledAt() == null ? clock.instant() : changed.scheduledAt();
		jdbc.sql("""
				update messaging.announcement set subject = :subject, body = :body, category = :category,
				       channels = string_to_array(:channels, ','), audience = cast(:audience as jsonb), scheduled_at = :scheduledAt,
				       version = version + 1, release_attempts = 0, next_release_at = null, release_error = null,
				       review_languages = null, review_since = null, review_until = null, machine_release_by = null
				where id = :id and version = :version and status = 'SCHEDULED'""")
			.param("subject", changed.subject().strip())
			.param("body", changed.body().strip())
			.param("category", changed.category().name())
			.param("channels", changed.channels().stream().map(Channel::name).sorted().collect(Collectors.joining(",")))
			.param("audience", json.writeValueAsString(changed.audience()))
			.param("scheduledAt", Timestamp.from(scheduledAt))
			.param("id", id)
			.param("version", version)
			.update();
		return find(id);
	}

	/**
	 * What a scheduled announcement waits for, when its translations wait for a reviewer: the
	 * languages (primary tags) and, for an urgent one, until when. Empty once it was released, or
	 * when its sender chose to send the machine translation.
	 */
	@Transactional(readOnly = true)
	public Optional<WaitingForReview> waitingForReview(Viewer sender, UUID id) {
		announcement(sender, id);
		return jdbc.sql("""
				select array_to_string(review_languages, ','), review_until from messaging.announcement
				where id = ? and status = 'SCHEDULED' and review_languages is not null and machine_release_by is null""")
			.param(id)
			.query((rs, row) -> new WaitingForReview(List.of(rs.getString(1).split(",")),
					rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()))
			.optional();
	}

	/** The languages an announcement waits for a reviewer in, and the urgent deadline (null when none). */
	public record WaitingForReview(List<String> languages, Instant until) {
	}

	/**
	 * The sender (or a district administrator) does not wait for the reviewers: the announcement goes
	 * on the worker's next pass, with the labelled machine translation where no approved text exists.
	 * One already released or cancelled is left as it is.
	 */
	@Transactional
	void sendWithMachineTranslation(Viewer sender, UUID id) {
		announcement(sender, id);
		jdbc.sql("""
				update messaging.announcement set machine_release_by = ?, next_release_at = ?
				where id = ? and status = 'SCHEDULED'""")
			.params(sender.name(), Timestamp.from(clock.instant()), id).update();
	}

	@Transactional
	void cancel(Viewer sender, UUID id) {
		requireUnreleased(announcement(sender, id));
		jdbc.sql("update messaging.announcement set status = 'CANCELLED', version = version + 1 where id = ? and status = 'SCHEDULED'")
			.param(id).update();
	}

	/** A page of announcements, newest first: the sender's own, or every one for a district administrator. */
	@Transactional(readOnly = true)
	public AnnouncementPage announcements(Viewer sender, int page) {
		sender.requireStaff(FOR_STAFF);
		String where = " where (:all or author = :author)";
		long total = jdbc.sql("select count(*) from messaging.announcement" + where)
			.param("all", sender.districtAdmin()).param("author", sender.name()).query(Long.class).single();
		// Whether deliveries are still in flight is asked here, in the page's one statement, not once a
		// row; the partial index delivery_in_flight_by_announcement keeps it to the few unsent rows.
		List<AnnouncementPage.Row> rows = jdbc.sql("""
				select a.id, a.subject, a.category, a.status, a.scheduled_at, a.author, a.release_error,
				       (select count(distinct d.guardian_id) from messaging.delivery d where d.announcement_id = a.id) as families,
				       exists (select 1 from messaging.delivery d
				               where d.announcement_id = a.id and d.status in ('QUEUED', 'SENDING')) as in_flight,
				       a.review_languages is not null and a.machine_release_by is null as in_review
				from messaging.announcement a""" + where + " order by a.created_at desc, a.id limit :limit offset :offset")
			.param("all", sender.districtAdmin())
			.param("author", sender.name())
			.param("limit", AnnouncementPage.SIZE)
			.param("offset", (long) Math.max(page, 0) * AnnouncementPage.SIZE)
			.query(ListedAnnouncement.class).stream()
			.map(row -> new AnnouncementPage.Row(row.id(), row.subject(), row.category(),
					progress(row.status(), row.scheduledAt(), row.category(), row.releaseError(), row.inFlight(), row.inReview()),
					row.scheduledAt(),
					row.author(), row.families()))
			.toList();
		return new AnnouncementPage(rows, total, Math.max(page, 0));
	}

	private AnnouncementView find(UUID id) {
		return jdbc.sql("""
				select id, author, audience::text, subject, body, category, array_to_string(channels, ','), status, scheduled_at,
				       released_at, version, release_error
				from messaging.announcement where id = ?""")
			.param(id)
			.query((rs, row) -> new AnnouncementView(rs.getObject(1, UUID.class), rs.getString(2),
					json.readValue(rs.getString(3), AudienceCriteria.class), rs.getString(4), rs.getString(5),
					Category.valueOf(rs.getString(6)), Arrays.stream(rs.getString(7).split(",")).map(Channel::valueOf)
						.collect(Collectors.toCollection(() -> EnumSet.noneOf(Channel.class))),
					rs.getString(8), rs.getTimestamp(9).toInstant(),
					rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant(), rs.getLong(11), rs.getString(12)))
			.optional()
			.orElseThrow(() -> new NotFoundException("announcement"));
	}

	/** The directory's audience, narrowed by the filters other modules offer; an unknown filter is bad input. */
	AudienceQuery audience(Viewer sender, AudienceCriteria criteria) {
		List<AudienceQuery.Condition> conditions = new ArrayList<>();
		criteria.filters().forEach((name, values) -> conditions.add(filters.stream()
			.filter(filter -> filter.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException("audience.filters." + name, "No audience filter is called " + name))
			.condition(values)));
		return audiences.audience(sender, criteria, conditions);
	}

	/** Another sender's announcement answers as if it did not exist; district administrators see all. */
	private static void requireAuthorOrDistrict(Viewer sender, AnnouncementView announcement) {
		if (!announcement.author().equals(sender.name()) && !sender.districtAdmin()) {
			throw new NotFoundException("announcement");
		}
	}

	private static void requireUnreleased(AnnouncementView announcement) {
		if (!announcement.status().equals("SCHEDULED")) {
			throw new InvalidInputException("status", "This announcement is " + announcement.status().toLowerCase()
					+ " and can no longer be changed");
		}
	}

	private static String hash(String value) {
		return DigestUtils.sha256Hex(value);
	}

	private record KeyUse(String requestHash, UUID announcementId) {
	}

	private record PreviewRow(UUID guardianId, String language, boolean noContact, boolean reachable, String email,
			String phone, String optedOut) {
	}

	private record ListedAnnouncement(UUID id, String subject, Category category, String status, Instant scheduledAt,
			String author, String releaseError, long families, boolean inFlight, boolean inReview) {
	}
}
