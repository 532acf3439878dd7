package org.homeroom.messaging.conversations;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.homeroom.directory.ConversationParties;
import org.homeroom.directory.ConversationParties.StaffCard;
import org.homeroom.directory.Directory;
import org.homeroom.directory.Viewer;
import org.homeroom.messaging.conversations.ConversationStore.MessageRow;
import org.homeroom.messaging.conversations.ConversationStore.Row;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

/**
 * Two-way conversations about one student, the entry point for pages, the API, the SMS channel and
 * home pages. Every method checks the caller through {@link ConversationAccess} (the directory's
 * one policy and the no-contact restrictions, again at the moment a message is posted); a thread the
 * caller may not see is a {@link NotFoundException}. Every read and list is written to the access
 * log, one row per student shown. Reading threads is in {@link ConversationReads}.
 */
@Service
public class Conversations {

	/** The longest message, in characters (issue 17). */
	public static final int MAX_BODY = 5000;

	private final ConversationStore store;

	private final ConversationAccess access;

	private final ConversationParties parties;

	private final Directory directory;

	private final ConversationNotices notices;

	private final AutomaticAnswers automaticAnswers;

	private final ConversationAttachments attachments;

	private final Clock clock;

	Conversations(ConversationStore store, ConversationAccess access, ConversationParties parties, Directory directory,
			ConversationNotices notices, AutomaticAnswers automaticAnswers, ConversationAttachments attachments,
			Clock clock) {
		this.automaticAnswers = automaticAnswers;
		this.attachments = attachments;
		this.store = store;
		this.access = access;
		this.parties = parties;
		this.directory = directory;
		this.notices = notices;
		this.clock = clock;
	}

	/**
	 * Staff start a thread with one guardian of a student they may see; with {@code shared}, every
	 * guardian who may be contacted about the student is in it instead. Answers the thread's id.
	 */
	@Transactional
	public UUID start(Viewer staff, UUID studentId, UUID guardianId, String body, boolean shared) {
		return start(staff, studentId, guardianId, body, shared, List.of());
	}

	/**
	 * {@link #start(Viewer, UUID, UUID, String, boolean)} with files on the first message, checked as a
	 * reply's are: a refused file is an {@link org.homeroom.messaging.attachments.AttachmentsRefusedException}
	 * and nothing is created, neither the thread nor its message.
	 */
	@Transactional
	public UUID start(Viewer staff, UUID studentId, UUID guardianId, String body, boolean shared,
			List<MultipartFile> files) {
		checkBody(body);
		UUID staffId = staff.staff() ? staff.staffId().orElse(null) : null;
		if (staffId == null || !directory.canSee(staff, studentId)) {
			throw new NotFoundException("student");
		}
		if (guardianId == null || !access.mayConverse(guardianId, studentId)) {
			throw new InvalidInputException("guardianId", "Not a guardian of this student who may be contacted about them");
		}
		UUID school = parties.schoolOf(studentId)
			.orElseThrow(() -> new InvalidInputException("studentId", "The student is not enrolled at a school today"));
		List<UUID> guardians = shared ? access.guardiansWhoMayConverse(studentId) : List.of(guardianId);
		Row thread = new Row(UUID.randomUUID(), studentId, school, staffId, "STAFF", shared, "OPEN", "STAFF",
				clock.instant(), clock.instant(), guardians);
		store.insert(thread);
		directory.recordAccess(staff.name(), List.of(studentId), "conversation.start", "conversation", null);
		attachments.attach(postAsStaff(staffId, thread, body, null), files == null ? List.of() : files);
		return thread.id();
	}

	/**
	 * A family starts a thread about their child: to one of the child's teachers today
	 * ({@code staffId} required), a counsellor of the child's school ({@code staffId} optional), or
	 * the school's office.
	 */
	@Transactional
	public UUID startFromFamily(Viewer family, UUID studentId, Recipient to, UUID staffId, String body) {
		return startFromFamily(family, studentId, to, staffId, body, List.of());
	}

	/** {@link #startFromFamily(Viewer, UUID, Recipient, UUID, String)} with files, all or nothing as for staff. */
	@Transactional
	public UUID startFromFamily(Viewer family, UUID studentId, Recipient to, UUID staffId, String body,
			List<MultipartFile> files) {
		checkBody(body);
		UUID guardian = family.staff() ? null : family.guardianIds().stream()
			.filter(candidate -> access.mayConverse(candidate, studentId)).sorted().findFirst().orElse(null);
		if (guardian == null) {
			throw new NotFoundException("student");
		}
		if (to == null) {
			throw new InvalidInputException("to", "must be TEACHER, COUNSELOR or OFFICE");
		}
		UUID school = parties.schoolOf(studentId)
			.orElseThrow(() -> new InvalidInputException("studentId", "The student is not enrolled at a school today"));
		UUID addressee = switch (to) {
			case TEACHER -> {
				if (staffId == null) {
					throw new InvalidInputException("staffId", "must name one of the child's teachers");
				}
				yield parties.teachersOf(studentId).stream().map(StaffCard::id).filter(staffId::equals).findFirst()
					.orElseThrow(() -> new InvalidInputException("staffId", "Not one of the child's teachers"));
			}
			case COUNSELOR -> {
				List<UUID> counsellors = parties.staffAt(school, List.of("COUNSELOR")).stream().map(StaffCard::id).toList();
				if (staffId != null && !counsellors.contains(staffId)) {
					throw new InvalidInputException("staffId", "Not a counsellor of the child's school");
				}
				yield staffId != null ? staffId : counsellors.stream().findFirst()
					.orElseThrow(() -> new InvalidInputException("to", "The child's school has no counsellor on record"));
			}
			case OFFICE -> null;
		};
		Row thread = new Row(UUID.randomUUID(), studentId, school, addressee, addressee == null ? "OFFICE" : "STAFF", false,
				"OPEN", "GUARDIAN", clock.instant(), clock.instant(), List.of(guardian));
		store.insert(thread);
		attachments.attach(postAsGuardian(guardian, thread, body), files == null ? List.of() : files);
		return thread.id();
	}

	/**
	 * The guardians of a student the staff member may start a thread with: those who may see the
	 * student and be contacted about them now. Names only; the read is logged.
	 */
	@Transactional
	public List<Addressee> guardiansToWrite(Viewer staff, String purpose, UUID studentId) {
		if (!staff.staff() || staff.staffId().isEmpty() || !directory.canSee(staff, studentId)) {
			throw new NotFoundException("student");
		}
		List<UUID> guardians = access.guardiansWhoMayConverse(studentId);
		directory.recordAccess(staff.name(), List.of(studentId), "conversation.guardians", purpose, null);
		return guardians.stream().flatMap(guardian -> parties.guardian(guardian).stream())
			.map(card -> new Addressee(null, card.id(), card.name(), null)).toList();
	}

	/**
	 * Whom a family may write to about their child: each teacher today, each counsellor of the
	 * child's school, and the school's office. A child they may not converse about is a 404.
	 */
	@Transactional(readOnly = true)
	public List<Addressee> addresseesFor(Viewer family, UUID studentId) {
		if (family.staff() || family.guardianIds().stream().noneMatch(guardian -> access.mayConverse(guardian, studentId))) {
			throw new NotFoundException("student");
		}
		List<Addressee> choices = new java.util.ArrayList<>();
		parties.teachersOf(studentId).forEach(teacher -> choices.add(new Addressee(Recipient.TEACHER, teacher.id(),
				teacher.name(), teacher.grade())));
		parties.schoolOf(studentId).ifPresent(school -> {
			parties.staffAt(school, List.of("COUNSELOR")).forEach(counsellor -> choices.add(new Addressee(Recipient.COUNSELOR,
					counsellor.id(), counsellor.name(), null)));
			choices.add(new Addressee(Recipient.OFFICE, null, null, null));
		});
		return choices;
	}

	/** Either side adds a message to a thread it takes part in; answers the message's id. */
	@Transactional
	public UUID post(Viewer viewer, UUID conversationId, String body) {
		return post(viewer, conversationId, body, null, List.of());
	}

	/**
	 * Either side adds a message with up to {@link org.homeroom.messaging.attachments.AttachmentRules#MAX_FILES}
	 * files (staff may make it a correction of one of their own); the message and its files are
	 * stored together or not at all, and a refused file is an
	 * {@link org.homeroom.messaging.attachments.AttachmentsRefusedException} (400, {@code attachments}).
	 */
	@Transactional
	public UUID post(Viewer viewer, UUID conversationId, String body, UUID corrects, List<MultipartFile> files) {
		UUID message = post(viewer, conversationId, body, corrects);
		attachments.attach(message, files == null ? List.of() : files);
		return message;
	}

	/**
	 * Staff correct a message of their own: a delivered message is never deleted or changed; the
	 * correction is a new message shown with the one it corrects.
	 */
	@Transactional
	public UUID correct(Viewer staff, UUID conversationId, UUID messageId, String body) {
		return post(staff, conversationId, body, messageId, List.of());
	}

	/**
	 * A guardian's message arriving by another channel (an SMS reply routed to this thread), checked
	 * as if the guardian had written on the page: a guardian no longer allowed in the thread is a
	 * {@link NotFoundException} and nothing is stored.
	 */
	@Transactional
	public UUID postFromGuardian(UUID guardianId, UUID conversationId, String body) {
		return post(Viewer.guardian(guardianId).named("guardian:" + guardianId), conversationId, body, null, List.of());
	}

	/**
	 * The guardian's open threads with activity within the given time, newest first, that they may
	 * still take part in: what an SMS reply may be routed to.
	 */
	@Transactional(readOnly = true)
	public List<UUID> openConversationsOf(UUID guardianId, Duration within) {
		return store.openThreadsOf(guardianId, clock.instant().minus(within)).stream()
			.filter(thread -> access.mayConverse(guardianId, thread.studentId())).map(Row::id).toList();
	}

	/** The guardian's latest open thread they may still take part in, if any. */
	@Transactional(readOnly = true)
	public Optional<UUID> latestOpenConversationOf(UUID guardianId) {
		return openConversationsOf(guardianId, Duration.ofDays(3650)).stream().findFirst();
	}

	/** Either side reports a message in a thread it takes part in; it goes to the school's administrators. */
	@Transactional
	public void report(Viewer viewer, UUID conversationId, UUID messageId, String reason) {
		Row thread = store.find(conversationId).orElseThrow(() -> new NotFoundException("conversation"));
		ConversationAccess.Standing standing = access.standing(viewer, thread).filter(ConversationAccess.Standing::participant)
			.orElseThrow(() -> new NotFoundException("conversation"));
		// An automatic answer is Homeroom's own words, nobody's conduct: there is nothing to report.
		store.message(conversationId, messageId).filter(message -> !"SYSTEM".equals(message.authorSide()))
			.orElseThrow(() -> new NotFoundException("message"));
		String why = reason == null ? "" : reason.strip();
		if (why.length() > 1000) {
			throw new InvalidInputException("reason", "size must be at most 1000");
		}
		store.report(UUID.randomUUID(), messageId, thread.schoolId(), viewer.name(), standing.side(), why, clock.instant());
	}

	/**
	 * Staff who answer a thread close it: nobody writes in it any more (a family starts a new one),
	 * and it leaves the "waiting for you" list. Closing a closed thread changes nothing.
	 */
	@Transactional
	public void close(Viewer staff, UUID conversationId) {
		Row thread = store.lock(conversationId).orElseThrow(() -> new NotFoundException("conversation"));
		ConversationAccess.Standing standing = access.standing(staff, thread)
			.orElseThrow(() -> new NotFoundException("conversation"));
		if (!ConversationAccess.STAFF.equals(standing.side())) {
			throw new AccessDeniedException("Only the thread's own staff close it");
		}
		if (store.close(conversationId, staff.name(), clock.instant())) {
			notices.changed(thread);
		}
	}

	/**
	 * A school administrator (of the report's school) or a district administrator marks an abuse
	 * report dealt with; it leaves the list of reported messages. A report that is not open, or
	 * not theirs to see, is a {@link NotFoundException}.
	 */
	@Transactional
	public void resolveReport(Viewer admin, UUID reportId) {
		boolean district = admin.districtAdmin();
		List<UUID> schools = admin.staffId()
			.map(staff -> parties.schoolsWhereRole(staff, List.of("SCHOOL_ADMIN"))).orElse(List.of());
		if (!district && schools.isEmpty()) {
			throw new AccessDeniedException("Abuse reports are for school and district administrators");
		}
		if (!store.resolveReport(reportId, district, schools, admin.name(), clock.instant())) {
			throw new NotFoundException("report");
		}
	}

	private UUID post(Viewer viewer, UUID conversationId, String body, UUID corrects) {
		checkBody(body);
		Row thread = store.lock(conversationId).orElseThrow(() -> new NotFoundException("conversation"));
		ConversationAccess.Standing standing = access.standing(viewer, thread)
			.orElseThrow(() -> new NotFoundException("conversation"));
		if (!standing.participant()) {
			throw new AccessDeniedException("Only the thread's own staff and family write in it");
		}
		if (!"OPEN".equals(thread.status())) {
			throw new ConversationClosedException();
		}
		if (ConversationAccess.GUARDIAN.equals(standing.side())) {
			if (corrects != null) {
				throw new InvalidInputException("corrects", "Only staff add corrections");
			}
			return postAsGuardian(standing.guardianId(), thread, body);
		}
		if (corrects != null) {
			MessageRow corrected = store.message(conversationId, corrects)
				.orElseThrow(() -> new InvalidInputException("corrects", "No such message in this thread"));
			if (!viewer.staffId().get().equals(corrected.authorStaffId())) {
				throw new InvalidInputException("corrects", "Staff correct only their own messages");
			}
		}
		return postAsStaff(viewer.staffId().get(), thread, body, corrects);
	}

	private UUID postAsStaff(UUID staffId, Row thread, String body, UUID corrects) {
		// The restrictions are read again now: a no-contact order made since the thread began stops the message.
		List<UUID> recipients = access.reachableGuardians(thread);
		if (recipients.isEmpty()) {
			throw new FamilyUnreachableException();
		}
		StaffCard author = parties.staffCard(staffId, thread.studentId())
			.orElseThrow(() -> new AccessDeniedException("No active staff record"));
		MessageRow message = new MessageRow(UUID.randomUUID(), "STAFF", staffId, null, author.name(), author.role(),
				author.grade(), body.strip(), clock.instant(), clock.instant(), null, corrects);
		store.insert(thread.id(), message);
		notices.staffWrote(thread, message.id(), recipients);
		return message.id();
	}

	private UUID postAsGuardian(UUID guardianId, Row thread, String body) {
		String name = parties.guardian(guardianId).map(ConversationParties.GuardianCard::name)
			.orElseThrow(() -> new NotFoundException("conversation"));
		MessageRow message = new MessageRow(UUID.randomUUID(), "GUARDIAN", null, guardianId, name, "GUARDIAN", null,
				body.strip(), clock.instant(), clock.instant(), null, null);
		store.insert(thread.id(), message);
		notices.posted(thread, message.id(), "GUARDIAN", List.of());
		automaticAnswers.afterFamilyWrote(thread, guardianId, message.createdAt());
		return message.id();
	}

	static void checkBody(String body) {
		if (body == null || body.isBlank()) {
			throw new InvalidInputException("body", "must not be blank");
		}
		if (body.strip().length() > MAX_BODY) {
			throw new InvalidInputException("body", "size must be at most " + MAX_BODY);
		}
	}

}
