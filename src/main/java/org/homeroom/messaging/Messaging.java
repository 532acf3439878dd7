package org.homeroom.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
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
import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.SchoolView;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NotFoundException;
import org.homeroom.tasks.NewTask;
import org.homeroom.tasks.Tasks;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The messaging module's entry point: announcements written, previewed, scheduled, changed or
 * cancelled until they are released; their delivery reports; a family's inbox.
 * <p>A sender reaches only families of students the access policy lets them see, and only a
 * district administrator may write to the whole district. Release resolves the audience and
 * queues every delivery in two set-based statements, however many families it reaches.
 */
@Service
public class Messaging {

	static final Set<String> SENDER_ROLES = Set.of("DISTRICT_ADMIN", "SCHOOL_ADMIN", "TEACHER", "COUNSELOR",
			"FAMILY_LIAISON", "ATTENDANCE_OFFICER");

	private final JdbcClient jdbc;

	private final Directory directory;

	private final JsonMapper json;

	private final MessagingSettings settings;

	private final Clock clock;

	private final Tasks tasks;

	private final MessageSource messages;

	private final List<AudienceFilter> filters;

	private final DistrictClock districtClock;

	Messaging(JdbcClient jdbc, Directory directory, JsonMapper json, MessagingSettings settings, Clock clock, Tasks tasks,
			MessageSource messages, List<AudienceFilter> filters, DistrictClock districtClock) {
		this.districtClock = districtClock;
		this.jdbc = jdbc;
		this.directory = directory;
		this.json = json;
		this.settings = settings;
		this.clock = clock;
		this.tasks = tasks;
		this.messages = messages;
		this.filters = filters;
	}

	/** Someone writing to families: who they are, their roles, and whom the directory lets them see. */
	public record Sender(String username, Set<String> roles, Viewer viewer) {

		public Sender {
			roles = Set.copyOf(roles);
		}

		/** The signed-in caller, as the directory sees them. */
		static Sender of(Authentication caller, Directory directory) {
			Set<String> roles = Directory.rolesOf(caller);
			return new Sender(caller.getName(), roles, directory.viewerOf(caller.getName(), roles));
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
	public Created create(Sender sender, AnnouncementRequest request, String idempotencyKey) {
		requireSender(sender);
		String requestHash = hash(json.writeValueAsString(request));
		if (idempotencyKey != null) {
			Optional<KeyUse> earlier = jdbc.sql("""
					select request_hash, announcement_id from messaging.idempotency_key where author = ? and key = ?""")
				.params(sender.username(), idempotencyKey).query(KeyUse.class).optional();
			if (earlier.isPresent()) {
				if (!earlier.get().requestHash().equals(requestHash)) {
					throw new IdempotencyKeyReusedException(idempotencyKey);
				}
				return new Created(find(earlier.get().announcementId()), true);
			}
		}
		audience(sender.viewer(), request.audience());
		Instant now = clock.instant();
		Instant scheduledAt = request.scheduledAt() == null ? now : request.scheduledAt();
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into messaging.announcement (id, author, author_roles, subject, body, category, channels, audience, status,
				                                    scheduled_at, created_at)
				values (:id, :author, string_to_array(:roles, ','), :subject, :body, :category, string_to_array(:channels, ','),
				        cast(:audience as jsonb), 'SCHEDULED', :scheduledAt, :now)""")
			.param("id", id)
			.param("author", sender.username())
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
				.params(sender.username(), idempotencyKey, requestHash, id, Timestamp.from(now)).update();
		}
		return new Created(find(id), false);
	}

	/** Whom the announcement would reach now, and who would be left out and why. */
	@Transactional(readOnly = true)
	public AudiencePreview preview(Sender sender, AudienceCriteria audience, Category category, Set<Channel> channels) {
		requireSender(sender);
		AudienceQuery query = audience(sender.viewer(), audience);
		List<PreviewRow> rows = jdbc.sql("""
				select a.guardian_id, a.language, bool_and(a.no_contact) as no_contact, bool_or(a.reachable) as reachable,
				       max(a.email) as email,
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
	 * Resolves the audience and queues the deliveries, both in SQL: one row per guardian and child,
	 * then one delivery per guardian and channel naming all of that guardian's children. A scheduled
	 * announcement is released by the delivery worker when it falls due.
	 */
	@Transactional
	void release(UUID id) {
		Release announcement = jdbc.sql("""
				select author, array_to_string(author_roles, ',') as roles, category, array_to_string(channels, ',') as channels,
				       audience::text as audience
				from messaging.announcement where id = ? and status = 'SCHEDULED' for update skip locked""")
			.param(id).query(Release.class).optional().orElse(null);
		if (announcement == null) {
			return;
		}
		Set<String> roles = Set.of(announcement.roles().split(","));
		Viewer sender = directory.viewerOf(announcement.author(), roles);
		AudienceQuery audience = audience(sender, json.readValue(announcement.audience(), AudienceCriteria.class));
		// A district's release is two statements over hundreds of thousands of rows: their sorts
		// fit in memory with more than the default work_mem, and compiling them with JIT costs more
		// than it saves. Neither statement can meet a row it wrote (the announcement is locked and
		// released once), so a plain insert: a duplicate would be a bug, and fails loudly.
		jdbc.sql("set local work_mem = '64MB'").update();
		jdbc.sql("set local jit = off").update();
		jdbc.sql("""
				insert into messaging.recipient (announcement_id, guardian_id, student_id, guardian_name, student_name, school_name,
				                                 language, email, excluded)
				select :announcement, a.guardian_id, a.student_id, a.guardian_name, a.student_name, a.school_name, a.language, a.email,
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
				       case when ch.channel = 'EMAIL' then r.email end, r.guardian_name,
				       string_agg(r.student_name, ', ' order by r.student_name),
				       string_agg(distinct r.school_name, ', '), 'QUEUED', :due
				from messaging.recipient r
				cross join unnest(string_to_array(:channels, ',')) as ch (channel)
				where r.announcement_id = :announcement and r.excluded is null
				  and (ch.channel <> 'EMAIL' or r.email is not null)
				  and not (:optional and exists (select 1 from messaging.opt_out o where o.guardian_id = r.guardian_id
				                                 and o.category = :category and o.channel = ch.channel))
				group by r.announcement_id, r.guardian_id, ch.channel, r.language, r.email, r.guardian_name""")
			.param("announcement", id)
			.param("channels", announcement.channels())
			.param("category", category.name())
			.param("optional", category.optional())
			.param("due", Timestamp.from(due))
			.update();
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

	/**
	 * Where an announcement stands for its sender, in words the page can show: scheduled, being
	 * released or sent, waiting for quiet hours to end, sent, or failed.
	 */
	@Transactional(readOnly = true)
	public AnnouncementProgress progress(AnnouncementView announcement) {
		Instant now = clock.instant();
		switch (announcement.status()) {
			case "CANCELLED":
				return AnnouncementProgress.of(AnnouncementProgress.State.CANCELLED);
			case "FAILED":
				return AnnouncementProgress.failed(announcement.releaseError());
			case "SCHEDULED":
				return AnnouncementProgress.of(announcement.scheduledAt().isAfter(now) ? AnnouncementProgress.State.SCHEDULED
						: AnnouncementProgress.State.SENDING);
			default:
				break;
		}
		boolean waiting = jdbc.sql("select exists (select 1 from messaging.delivery where announcement_id = ? and status in ('QUEUED', 'SENDING'))")
			.param(announcement.id()).query(Boolean.class).single();
		if (!waiting) {
			return AnnouncementProgress.of(AnnouncementProgress.State.SENT);
		}
		QuietHours quiet = new QuietHours(settings.quietHoursStart(), settings.quietHoursEnd(), districtClock.zone());
		if (announcement.category() != Category.URGENT && quiet.quiet(now)) {
			return AnnouncementProgress.quietUntil(settings.quietHoursEnd());
		}
		return AnnouncementProgress.of(AnnouncementProgress.State.SENDING);
	}

	@Transactional(readOnly = true)
	public AnnouncementView announcement(Sender sender, UUID id) {
		AnnouncementView view = find(id);
		requireAuthorOrDistrict(sender, view);
		return view;
	}

	/** Changes what is not yet released; the audience is checked again as the sender's. */
	@Transactional
	AnnouncementView change(Sender sender, UUID id, AnnouncementChanges changes) {
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
		audience(sender.viewer(), changed.audience());
		Instant scheduledAt = changed.scheduledAt() == null ? clock.instant() : changed.scheduledAt();
		jdbc.sql("""
				update messaging.announcement set subject = :subject, body = :body, category = :category,
				       channels = string_to_array(:channels, ','), audience = cast(:audience as jsonb), scheduled_at = :scheduledAt,
				       version = version + 1, release_attempts = 0, next_release_at = null, release_error = null
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

	@Transactional
	void cancel(Sender sender, UUID id) {
		requireUnreleased(announcement(sender, id));
		jdbc.sql("update messaging.announcement set status = 'CANCELLED', version = version + 1 where id = ? and status = 'SCHEDULED'")
			.param(id).update();
	}

	/**
	 * The delivery report. It names the guardians and children nobody reached, so reading it is a
	 * disclosure of those children's records, and is logged as one.
	 */
	@Transactional
	public DeliveryReport report(Sender sender, UUID id) {
		AnnouncementView announcement = announcement(sender, id);
		Map<String, Map<String, Long>> byChannel = new TreeMap<>();
		Map<String, Map<String, Long>> byLanguage = new TreeMap<>();
		jdbc.sql("""
				select channel, language, status, count(*) as deliveries, count(read_at) as opened
				from messaging.delivery where announcement_id = ? group by channel, language, status""")
			.param(id)
			.query((rs, row) -> {
				String channel = rs.getString(1);
				String status = rs.getString(3);
				long count = rs.getLong(4);
				byChannel.computeIfAbsent(channel, key -> zeroCounts(channel)).merge(status, count, Long::sum);
				byLanguage.computeIfAbsent(rs.getString(2), key -> new TreeMap<>()).merge(status, count, Long::sum);
				if (channel.equals(Channel.IN_APP.name())) {
					byChannel.get(channel).merge("OPENED", rs.getLong(5), Long::sum);
				}
				return null;
			}).list();
		Map<String, Long> excluded = new TreeMap<>();
		jdbc.sql("""
				select excluded, count(distinct guardian_id) from messaging.recipient
				where announcement_id = ? and excluded is not null group by excluded""")
			.param(id)
			.query((rs, row) -> excluded.put(rs.getString(1), rs.getLong(2))).list();
		Map<String, Long> skipped = new TreeMap<>();
		jdbc.sql("""
				select skipped_reason, count(*) from messaging.delivery
				where announcement_id = ? and status = 'SKIPPED' group by skipped_reason""")
			.param(id)
			.query((rs, row) -> skipped.put(rs.getString(1), rs.getLong(2))).list();
		long resent = jdbc.sql("select count(*) from messaging.delivery where announcement_id = ? and resent_after_crash")
			.param(id).query(Long.class).single();
		List<UnreachedRow> unreached = jdbc.sql("""
				select r.guardian_id, min(r.guardian_name) as guardian_name, string_agg(r.student_name, ', ' order by r.student_name) as children,
				       array_agg(r.student_id) as student_ids,
				       case when bool_and(r.excluded = 'NO_USABLE_CONTACT') then 'NO_USABLE_CONTACT' else 'ALL_CHANNELS_FAILED' end as reason
				from messaging.recipient r
				where r.announcement_id = :id and (r.excluded is null or r.excluded = 'NO_USABLE_CONTACT')
				group by r.guardian_id
				having bool_and(r.excluded = 'NO_USABLE_CONTACT')
				    or (bool_and(r.excluded is null)
				        and exists (select 1 from messaging.delivery d where d.announcement_id = :id and d.guardian_id = r.guardian_id)
				        and not exists (select 1 from messaging.delivery d where d.announcement_id = :id and d.guardian_id = r.guardian_id
				                        and d.status <> 'FAILED'))
				order by guardian_name""")
			.param("id", id)
			.query((rs, row) -> new UnreachedRow(new DeliveryReport.Unreached(rs.getObject(1, UUID.class), rs.getString(2),
					rs.getString(3), rs.getString(5)), Arrays.asList((UUID[]) rs.getArray(4).getArray())))
			.list();
		List<DeliveryReport.Failure> failures = jdbc.sql("""
				select id as delivery_id, guardian_id, guardian_name, channel, attempts, coalesce(last_error, '') as reason
				from messaging.delivery where announcement_id = ? and status = 'FAILED'
				order by guardian_name, channel limit ?""")
			.params(id, DeliveryReport.FAILURES_LISTED)
			.query(DeliveryReport.Failure.class).list();
		List<UUID> named = new ArrayList<>(unreached.stream().flatMap(row -> row.studentIds().stream()).toList());
		if (!failures.isEmpty()) {
			named.addAll(jdbc.sql("""
					select student_id from messaging.recipient where announcement_id = :id and guardian_id in (:guardians)
					and excluded is null""")
				.param("id", id)
				.param("guardians", failures.stream().map(DeliveryReport.Failure::guardianId).distinct().toList())
				.query(UUID.class).list());
		}
		if (!named.isEmpty()) {
			directory.recordAccess(sender.username(), named.stream().distinct().toList(), "announcement.report", "messaging",
					"announcement=" + id);
		}
		return new DeliveryReport(id, announcement.status(), byChannel, byLanguage, excluded, skipped, resent,
				unreached.stream().map(UnreachedRow::unreached).toList(), failures);
	}

	/**
	 * A family's inbox: in-app announcements delivered to the guardian records its account acts for.
	 * The messages name the family's children, so reading them is logged as a read of those records.
	 */
	@Transactional
	public List<InboxMessage> inbox(String reader, Collection<UUID> guardianIds, int limit) {
		if (guardianIds.isEmpty()) {
			return List.of();
		}
		List<InboxMessage> messages = jdbc.sql("""
				select d.id, a.subject, a.body, a.category, d.child_names, d.guardian_name, d.school_names, d.sent_at, d.read_at is not null as read
				from messaging.delivery d join messaging.announcement a on a.id = d.announcement_id
				where d.guardian_id in (:guardians) and d.channel = 'IN_APP' and d.status = 'SENT'
				order by d.sent_at desc limit :limit""")
			.param("guardians", guardianIds)
			.param("limit", limit)
			.query(InboxRow.class).stream().map(InboxRow::forFamily).toList();
		recordInboxRead(reader, guardianIds, messages, "inbox");
		return messages;
	}

	/** One message of a family's inbox, if it is theirs. */
	@Transactional
	public Optional<InboxMessage> inboxMessage(String reader, Collection<UUID> guardianIds, UUID deliveryId) {
		if (guardianIds.isEmpty()) {
			return Optional.empty();
		}
		Optional<InboxMessage> message = jdbc.sql("""
				select d.id, a.subject, a.body, a.category, d.child_names, d.guardian_name, d.school_names, d.sent_at, d.read_at is not null as read
				from messaging.delivery d join messaging.announcement a on a.id = d.announcement_id
				where d.id = :id and d.guardian_id in (:guardians) and d.channel = 'IN_APP' and d.status = 'SENT'""")
			.param("id", deliveryId)
			.param("guardians", guardianIds)
			.query(InboxRow.class).optional().map(InboxRow::forFamily);
		message.ifPresent(shown -> recordInboxRead(reader, guardianIds, List.of(shown), "inbox.message"));
		return message;
	}

	/** A delivered in-app message as stored: the announcement's text and this family's names for its placeholders. */
	private record InboxRow(UUID id, String subject, String body, Category category, String childNames, String guardianName,
			String schoolNames, Instant sentAt, boolean read) {

		InboxMessage forFamily() {
			return new InboxMessage(id, MessageRenderer.forFamily(subject, guardianName, childNames, schoolNames),
					MessageRenderer.forFamily(body, guardianName, childNames, schoolNames), category, childNames, sentAt, read);
		}
	}

	/** Logs the children the shown messages name: those they were sent about, from the recipients. */
	private void recordInboxRead(String reader, Collection<UUID> guardianIds, List<InboxMessage> shown, String what) {
		if (shown.isEmpty()) {
			return;
		}
		List<UUID> students = jdbc.sql("""
				select distinct r.student_id from messaging.delivery d
				join messaging.recipient r on r.announcement_id = d.announcement_id and r.guardian_id = d.guardian_id
				where d.id in (:deliveries) and d.guardian_id in (:guardians) and r.excluded is null""")
			.param("deliveries", shown.stream().map(InboxMessage::id).toList())
			.param("guardians", guardianIds)
			.query(UUID.class).list();
		directory.recordAccess(reader, students, what, "inbox", null);
	}

	@Transactional(readOnly = true)
	public long unread(Collection<UUID> guardianIds) {
		if (guardianIds.isEmpty()) {
			return 0;
		}
		return jdbc.sql("""
				select count(*) from messaging.delivery where guardian_id in (:guardians) and channel = 'IN_APP'
				and status = 'SENT' and read_at is null""")
			.param("guardians", guardianIds).query(Long.class).single();
	}

	/** Marks a message read; one that is not in this family's inbox answers 404. */
	@Transactional
	public void markRead(Collection<UUID> guardianIds, UUID deliveryId) {
		int changed = guardianIds.isEmpty() ? 0 : jdbc.sql("""
				update messaging.delivery set read_at = coalesce(read_at, :now)
				where id = :id and guardian_id in (:guardians) and channel = 'IN_APP' and status = 'SENT'""")
			.param("now", Timestamp.from(clock.instant()))
			.param("id", deliveryId)
			.param("guardians", guardianIds)
			.update();
		if (changed == 0) {
			throw new NotFoundException("message");
		}
	}

	/** A page of announcements, newest first: the sender's own, or every one for a district administrator. */
	@Transactional(readOnly = true)
	public AnnouncementPage announcements(Sender sender, int page) {
		requireSender(sender);
		String where = " where (:all or author = :author)";
		long total = jdbc.sql("select count(*) from messaging.announcement" + where)
			.param("all", sender.viewer().districtAdmin()).param("author", sender.username()).query(Long.class).single();
		List<AnnouncementPage.Row> rows = jdbc.sql("""
				select a.id, a.subject, a.category, a.status, a.scheduled_at, a.author,
				       (select count(distinct d.guardian_id) from messaging.delivery d where d.announcement_id = a.id) as families
				from messaging.announcement a""" + where + " order by a.created_at desc, a.id limit :limit offset :offset")
			.param("all", sender.viewer().districtAdmin())
			.param("author", sender.username())
			.param("limit", AnnouncementPage.SIZE)
			.param("offset", (long) Math.max(page, 0) * AnnouncementPage.SIZE)
			.query(AnnouncementPage.Row.class).list();
		return new AnnouncementPage(rows, total, Math.max(page, 0));
	}

	/**
	 * Turns the families nobody reached into call tasks for a liaison, one per guardian, about
	 * that guardian; a guardian who has an open task from this announcement already gets none. The
	 * tasks are the sender's own when they are on the staff list, and unassigned otherwise.
	 */
	@Transactional
	public int callTasksForUnreached(Sender sender, UUID id) {
		String assignee = sender.viewer().staffId().isPresent() ? sender.username() : null;
		DeliveryReport report = report(sender, id);
		String source = "messaging:announcement:" + id;
		int opened = 0;
		for (DeliveryReport.Unreached family : report.unreached()) {
			if (!tasks.anyOpenAbout(source, family.guardianId())) {
				tasks.open(new NewTask(callTitle(family), null, family.guardianId(), assignee, districtClock.today().plusDays(2),
						null, source));
				opened++;
			}
		}
		return opened;
	}

	/** The optional messages a family declined, as {@code CATEGORY.CHANNEL}. */
	@Transactional(readOnly = true)
	public Set<String> declined(Collection<UUID> guardianIds) {
		if (guardianIds.isEmpty()) {
			return Set.of();
		}
		return Set.copyOf(jdbc.sql("select distinct category || '.' || channel from messaging.opt_out where guardian_id in (:guardians)")
			.param("guardians", guardianIds).query(String.class).list());
	}

	/**
	 * A family's choice: it gets the optional categories on the channels named, and declines the
	 * rest. Urgent and attendance messages are not a choice, and are not listed.
	 */
	@Transactional
	public void choose(Collection<UUID> guardianIds, Collection<String> wanted) {
		Instant now = clock.instant();
		for (UUID guardian : guardianIds) {
			for (Category category : Category.values()) {
				if (!category.optional()) {
					continue;
				}
				for (Channel channel : Channel.values()) {
					if (wanted.contains(category + "." + channel)) {
						jdbc.sql("delete from messaging.opt_out where guardian_id = ? and category = ? and channel = ?")
							.params(guardian, category.name(), channel.name()).update();
					}
					else {
						jdbc.sql("""
								insert into messaging.opt_out (guardian_id, category, channel, chosen_at) values (?, ?, ?, ?)
								on conflict do nothing""")
							.params(guardian, category.name(), channel.name(), Timestamp.from(now)).update();
					}
				}
			}
		}
	}

	/** The placeholders {@link MessageRenderer} fills in; any other {@code {word}} would reach families as typed. */
	static final Set<String> PLACEHOLDERS = Set.of("{guardianName}", "{childName}", "{school}");

	private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{[^{}\\s]*}");

	/**
	 * A school's saved templates and the district-wide ones, by name, optionally those whose name
	 * or subject holds {@code search}. Only staff who work at the school see them.
	 */
	@Transactional(readOnly = true)
	public MessageTemplate.Page templates(Sender sender, UUID schoolId, String search, int page) {
		requireSender(sender);
		if (schoolId != null) {
			requireWorksAt(sender, schoolId);
		}
		String pattern = search == null || search.isBlank() ? null : "%" + search.strip().toLowerCase().replace("%", "\\%") + "%";
		String where = """
				 where (school_id is null or school_id = :school)
				   and (cast(:pattern as text) is null or lower(name) like :pattern or lower(subject) like :pattern)""";
		UUID school = schoolId == null ? new UUID(0, 0) : schoolId;
		long total = jdbc.sql("select count(*) from messaging.message_template " + where)
			.param("school", school).param("pattern", pattern).query(Long.class).single();
		List<MessageTemplate> rows = jdbc.sql(TEMPLATE_COLUMNS + " " + where
				+ " order by school_id nulls first, lower(name), id limit :limit offset :offset")
			.param("school", school)
			.param("pattern", pattern)
			.param("limit", MessageTemplate.Page.SIZE)
			.param("offset", (long) Math.max(page, 0) * MessageTemplate.Page.SIZE)
			.query(MessageTemplate.class).list();
		return new MessageTemplate.Page(rows, total, Math.max(page, 0));
	}

	/** Every template the sender may start from: the district's and those of the schools they work at. */
	@Transactional(readOnly = true)
	public List<MessageTemplate> usableTemplates(Sender sender) {
		requireSender(sender);
		List<UUID> schools = directory.schoolsWorkedAt(sender.viewer()).stream().map(school -> school.id()).toList();
		return jdbc.sql(TEMPLATE_COLUMNS + " where school_id is null or school_id in (:schools) order by lower(name), id limit :limit")
			.param("schools", schools.isEmpty() ? List.of(new UUID(0, 0)) : schools)
			.param("limit", USABLE_TEMPLATES)
			.query(MessageTemplate.class).list();
	}

	/**
	 * The schools whose templates the sender sees and writes, by name: those they work at (every
	 * open school for a district administrator, who also writes the district's own).
	 */
	@Transactional(readOnly = true)
	public List<SchoolView> templateSchools(Sender sender) {
		requireSender(sender);
		return directory.schoolsWorkedAt(sender.viewer());
	}

	/** One template, to edit or to start an announcement from; one the sender may not use answers 404. */
	@Transactional(readOnly = true)
	public MessageTemplate template(Sender sender, UUID id) {
		requireSender(sender);
		MessageTemplate template = jdbc.sql(TEMPLATE_COLUMNS + " where id = ?").param(id).query(MessageTemplate.class)
			.optional().orElseThrow(() -> new NotFoundException("template"));
		if (template.schoolId() != null && !directory.worksAt(sender.viewer(), template.schoolId())) {
			throw new NotFoundException("template");
		}
		return template;
	}

	/**
	 * Saves a new template ({@code id} null) or changes one; a name is used once per school. A school
	 * the template moves to (or is made for) must be an open school of the district: the schema
	 * cannot say so, since the school is another module's.
	 */
	@Transactional
	public MessageTemplate saveTemplate(Sender sender, UUID id, MessageTemplate.Draft draft) {
		requireSender(sender);
		requirePlaceholders("subject", draft.subject());
		requirePlaceholders("body", draft.body());
		MessageTemplate current = null;
		if (id != null) {
			current = template(sender, id);
			requireMayWrite(sender, current.schoolId());
		}
		if (draft.schoolId() != null && (current == null || !draft.schoolId().equals(current.schoolId()))
				&& directory.schools().stream().noneMatch(school -> school.id().equals(draft.schoolId()))) {
			throw new InvalidInputException("schoolId", "No open school of the district has the id " + draft.schoolId());
		}
		requireMayWrite(sender, draft.schoolId());
		Instant now = clock.instant();
		UUID saved = id == null ? UUID.randomUUID() : id;
		try {
			jdbc.sql("""
					insert into messaging.message_template (id, school_id, name, category, subject, body, created_by, created_at,
					                                        updated_by, updated_at)
					values (:id, :school, :name, :category, :subject, :body, :by, :now, :by, :now)
					on conflict (id) do update set school_id = excluded.school_id, name = excluded.name,
					       category = excluded.category, subject = excluded.subject, body = excluded.body,
					       updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
				.param("id", saved)
				.param("school", draft.schoolId())
				.param("name", draft.name().strip())
				.param("category", draft.category().name())
				.param("subject", draft.subject().strip())
				.param("body", draft.body().strip())
				.param("by", sender.username())
				.param("now", Timestamp.from(now))
				.update();
		}
		catch (org.springframework.dao.DuplicateKeyException ex) {
			throw new InvalidInputException("name", "This school already has a template called " + draft.name().strip());
		}
		return template(sender, saved);
	}

	@Transactional
	public void deleteTemplate(Sender sender, UUID id) {
		MessageTemplate template = template(sender, id);
		requireMayWrite(sender, template.schoolId());
		jdbc.sql("delete from messaging.message_template where id = ?").param(id).update();
	}

	/** Enough for a choice on the form; a district with more names them by school on the API. */
	private static final int USABLE_TEMPLATES = 200;

	private static final String TEMPLATE_COLUMNS = """
			select id, school_id, name, category, subject, body, created_by, created_at, updated_by, updated_at
			from messaging.message_template""";

	private void requireWorksAt(Sender sender, UUID schoolId) {
		if (!directory.worksAt(sender.viewer(), schoolId)) {
			throw new NotFoundException("school");
		}
	}

	/** The district's own templates are written by district administrators; a school's by its staff. */
	private void requireMayWrite(Sender sender, UUID schoolId) {
		if (schoolId == null) {
			if (!sender.viewer().districtAdmin()) {
				throw new AccessDeniedException("Only a district administrator may save district-wide templates");
			}
		}
		else {
			requireWorksAt(sender, schoolId);
		}
	}

	static void requirePlaceholders(String field, String text) {
		unknownPlaceholder(text).ifPresent(unknown -> {
			throw new InvalidInputException(field, "Unknown placeholder " + unknown + ". Use {guardianName}, {childName} or {school}");
		});
	}

	/** The first {@code {word}} in the text that the renderer would not fill in, for a page to name it. */
	static Optional<String> unknownPlaceholder(String text) {
		java.util.regex.Matcher matcher = PLACEHOLDER.matcher(text == null ? "" : text);
		while (matcher.find()) {
			if (!PLACEHOLDERS.contains(matcher.group())) {
				return Optional.of(matcher.group());
			}
		}
		return Optional.empty();
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
	private AudienceQuery audience(Viewer sender, AudienceCriteria criteria) {
		List<AudienceQuery.Condition> conditions = new ArrayList<>();
		criteria.filters().forEach((name, values) -> conditions.add(filters.stream()
			.filter(filter -> filter.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException("audience.filters." + name, "No audience filter is called " + name))
			.condition(values)));
		return directory.audience(sender, criteria, conditions);
	}

	/** In the language of the staff member who asked for the tasks. */
	private String callTitle(DeliveryReport.Unreached family) {
		return messages.getMessage("announcement.call-task", new Object[] { family.guardianName(), family.children() },
				LocaleContextHolder.getLocale());
	}

	private static Map<String, Long> zeroCounts(String channel) {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String status : List.of("QUEUED", "SENDING", "SENT", "FAILED", "UNCERTAIN", "SKIPPED")) {
			counts.put(status, 0L);
		}
		return counts;
	}

	private static void requireSender(Sender sender) {
		if (sender.roles().stream().noneMatch(SENDER_ROLES::contains)) {
			throw new AccessDeniedException("Announcements are written by staff");
		}
	}

	/** Another sender's announcement answers as if it did not exist; district administrators see all. */
	private static void requireAuthorOrDistrict(Sender sender, AnnouncementView announcement) {
		if (!announcement.author().equals(sender.username()) && !sender.viewer().districtAdmin()) {
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
			String optedOut) {
	}

	private record Release(String author, String roles, String category, String channels, String audience) {
	}

	private record UnreachedRow(DeliveryReport.Unreached unreached, List<UUID> studentIds) {
	}
}
