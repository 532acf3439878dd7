package org.homeroom.messaging.conversations;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.homeroom.directory.ConversationParties;
import org.homeroom.directory.Directory;
import org.homeroom.directory.Viewer;
import org.homeroom.messaging.attachments.Attachment;
import org.homeroom.messaging.attachments.AttachmentId;
import org.homeroom.messaging.conversations.ConversationStore.MessageRow;
import org.homeroom.messaging.conversations.ConversationStore.Row;
import org.homeroom.platform.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading conversations: one thread (which marks the other side's messages read for a
 * participant), lists and searches, a staff member's count of unanswered threads and a family's
 * recent messages. Each answer holds only threads the caller stands in (see
 * {@link ConversationAccess}) about students the directory lets them see, and is written to the
 * access log, one row per student shown. Roles are shown in the reader's language.
 */
@Service
public class ConversationReads {

	private final ConversationStore store;

	private final ConversationAccess access;

	private final ConversationParties parties;

	private final Directory directory;

	private final MessageSource words;

	private final ConversationAttachments attachments;

	private final Clock clock;

	private final ConversationTranslations translations;

	ConversationReads(ConversationStore store, ConversationAccess access, ConversationParties parties, Directory directory,
			MessageSource words, ConversationAttachments attachments, Clock clock, ConversationTranslations translations) {
		this.translations = translations;
		this.attachments = attachments;
		this.store = store;
		this.access = access;
		this.parties = parties;
		this.directory = directory;
		this.words = words;
		this.clock = clock;
	}

	/**
	 * One thread with its messages. A participant opening it marks the other side's messages read;
	 * a district administrator's oversight read marks nothing. Either way the read is logged.
	 */
	@Transactional
	public ConversationView thread(Viewer viewer, String purpose, UUID conversationId) {
		Row thread = store.find(conversationId).orElseThrow(() -> new NotFoundException("conversation"));
		ConversationAccess.Standing standing = access.standing(viewer, thread)
			.orElseThrow(() -> new NotFoundException("conversation"));
		if (standing.participant()) {
			store.markRead(thread.id(), standing.otherSide(), clock.instant());
		}
		directory.recordAccess(viewer.name(), List.of(thread.studentId()),
				standing.participant() ? "conversation" : "conversation.oversight", purpose, null);
		Locale locale = LocaleContextHolder.getLocale();
		List<MessageRow> rows = store.messages(thread.id());
		Map<UUID, List<Attachment>> files = attachments.of(rows.stream().map(MessageRow::id).toList());
		List<ConversationView.MessageView> messages = rows.stream()
			.map(message -> new ConversationView.MessageView(message.id(), message.authorSide(), message.authorName(),
					roleLabel(message, locale), message.body(), message.createdAt(), message.deliveredAt(), message.readAt(),
					message.corrects(), mine(viewer, message), files.getOrDefault(message.id(), List.of()).stream()
						.map(file -> new ConversationView.AttachmentView(file.id().value(), file.fileName(), file.contentType(),
								file.size()))
						.toList(), null, null, null))
			.toList();
		boolean mayPost = standing.participant() && "OPEN".equals(thread.status())
				&& (!ConversationAccess.STAFF.equals(standing.side()) || !access.reachableGuardians(thread).isEmpty());
		return new ConversationView(thread.id(), thread.studentId(), studentName(thread.studentId()),
				thread.addressedTo(), thread.staffId(), staffName(thread), thread.shared(), thread.status(),
				guardianNames(viewer, thread.guardians()), thread.createdAt(), thread.lastActivityAt(), thread.unanswered(),
				standing.side(), mayPost, messages);
	}

	/**
	 * The caller's threads, newest activity first: about one student when {@code studentId} is
	 * given (a district administrator then sees every thread about that student), those whose
	 * student's name holds {@code q}, and only those waiting for staff with {@code unanswered}.
	 */
	@Transactional
	public ConversationSummary.Page list(Viewer viewer, String purpose, UUID studentId, String q, boolean unanswered,
			int page, int size) {
		ConversationStore.Scope scope = viewer.districtAdmin() && studentId != null ? ConversationAccess.everything()
				: access.scope(viewer);
		Map<UUID, String> students = visibleStudents(viewer, store.students(scope, studentId, unanswered));
		if (q != null && !q.isBlank()) {
			String wanted = q.strip().toLowerCase(Locale.ROOT);
			students.values().removeIf(name -> !name.toLowerCase(Locale.ROOT).contains(wanted));
		}
		long total = store.count(scope, students.keySet(), unanswered);
		List<Row> rows = store.page(scope, students.keySet(), unanswered, page, size).stream()
			.filter(row -> access.standing(viewer, row).isPresent()).toList();
		String mySide = viewer.staff() ? ConversationAccess.STAFF : ConversationAccess.GUARDIAN;
		String otherSide = viewer.staff() ? ConversationAccess.GUARDIAN : ConversationAccess.STAFF;
		Map<UUID, Long> unread = store.unread(rows.stream().map(Row::id).toList(), otherSide);
		Map<UUID, String> guardianNames = directory.visibleGuardianNames(viewer,
				rows.stream().flatMap(row -> row.guardians().stream()).distinct().toList());
		List<ConversationSummary> items = rows.stream()
			.map(row -> new ConversationSummary(row.id(), row.studentId(), students.get(row.studentId()), row.addressedTo(),
					staffName(row), row.guardians().stream().map(guardianNames::get).filter(name -> name != null).toList(),
					row.shared(), row.status(), row.lastActivityAt(), row.unanswered(), unread.getOrDefault(row.id(), 0L)))
			.toList();
		logShown(viewer, purpose, items.stream().map(ConversationSummary::studentId).toList(), "conversation.list",
				"side=" + mySide + (studentId == null ? "" : " studentId=" + studentId)
						+ (q == null || q.isBlank() ? "" : " q=" + q.strip()) + (unanswered ? " unanswered" : ""));
		return new ConversationSummary.Page(items, page, size, total);
	}

	/** How many of the staff member's threads (their own and their schools' offices') wait for an answer. */
	@Transactional(readOnly = true)
	public long unansweredCount(Viewer staff) {
		if (!staff.staff() || staff.staffId().isEmpty()) {
			return 0;
		}
		ConversationStore.Scope scope = access.scope(staff);
		Collection<UUID> students = directory.visibleStudentNames(staff, store.students(scope, null, true)).keySet();
		return store.count(scope, students, true);
	}

	/**
	 * A family's newest messages about their children, newest first, up to {@code limit}, staff
	 * messages with their stored version in the family's language (see {@link RecentMessage}).
	 */
	@Transactional
	public List<RecentMessage> recentMessages(Viewer family, String purpose, int limit) {
		if (family.staff() || family.guardianIds().isEmpty()) {
			return List.of();
		}
		ConversationStore.Scope scope = access.scope(family);
		Map<UUID, String> students = visibleStudents(family, store.students(scope, null, false));
		Map<UUID, Row> threads = new HashMap<>();
		store.page(scope, students.keySet(), false, 0, 200).stream().filter(row -> access.standing(family, row).isPresent())
			.forEach(row -> threads.put(row.id(), row));
		Locale locale = LocaleContextHolder.getLocale();
		List<Map.Entry<UUID, MessageRow>> newest = store.recent(threads.keySet(), limit);
		// Staff messages in the family's language, as stored after each post; no engine is asked inside this read.
		Map<UUID, ConversationTranslations.Rendering> translated = translations.storedIn(newest.stream()
			.map(Map.Entry::getValue).filter(message -> ConversationAccess.STAFF.equals(message.authorSide()))
			.map(MessageRow::id).toList(), translations.readerLanguage(family));
		List<RecentMessage> recent = new ArrayList<>();
		for (Map.Entry<UUID, MessageRow> entry : newest) {
			Row thread = threads.get(entry.getKey());
			MessageRow message = entry.getValue();
			ConversationTranslations.Rendering rendering = translated.get(message.id());
			boolean differs = rendering != null && (rendering.machine() || rendering.untranslated());
			recent.add(new RecentMessage(thread.id(), message.id(), thread.studentId(), students.get(thread.studentId()),
					message.authorName(), roleLabel(message, locale), message.body(), message.createdAt(),
					mine(family, message) || message.readAt() != null, "SYSTEM".equals(message.authorSide()),
					differs ? rendering.body() : null, differs ? rendering.kind() : null,
					differs ? rendering.sourceLanguage() : null));
		}
		logShown(family, purpose, recent.stream().map(RecentMessage::studentId).toList(), "conversation.recent", null);
		return recent;
	}

	/** Open abuse reports for the schools the caller administers (every school for a district administrator). */
	@Transactional
	public List<AbuseReport> reports(Viewer viewer, String purpose) {
		boolean district = viewer.districtAdmin();
		List<UUID> schools = viewer.staffId().map(staff -> parties.schoolsWhereRole(staff, List.of("SCHOOL_ADMIN")))
			.orElse(List.of());
		if (!district && schools.isEmpty()) {
			throw new AccessDeniedException("Abuse reports are for school and district administrators");
		}
		List<AbuseReport> reports = store.reports(district, schools);
		Map<UUID, String> names = directory.visibleStudentNames(viewer,
				reports.stream().map(AbuseReport::studentId).distinct().toList());
		List<AbuseReport> shown = reports.stream().filter(report -> names.containsKey(report.studentId()))
			.map(report -> new AbuseReport(report.id(), report.conversationId(), report.messageId(), report.studentId(),
					names.get(report.studentId()), report.authorName(), report.body(), report.reportedBy(),
					report.reporterSide(), report.reason(), report.createdAt()))
			.toList();
		logShown(viewer, purpose, shown.stream().map(AbuseReport::studentId).toList(), "conversation.reports", null);
		return shown;
	}

	/**
	 * The message a {@link ConversationMessagePosted} announced, for a channel that relays it to the
	 * recipients the event names (who were checked when it was posted); the relay is the channel's
	 * to check again before it sends.
	 */
	@Transactional(readOnly = true)
	public Optional<PostedMessage> posted(UUID conversationId, UUID messageId) {
		return store.find(conversationId).flatMap(thread -> store.message(conversationId, messageId)
			.map(message -> new PostedMessage(thread.id(), message.id(), thread.studentId(), thread.schoolId(), message.authorSide(),
					message.authorName(), message.body(), message.createdAt())));
	}

	/**
	 * A file of the thread for the caller to download: only when they stand in the thread and the
	 * file belongs to one of its messages (404 otherwise). The download is logged as a read.
	 */
	@Transactional
	AttachmentId attachment(Viewer viewer, String purpose, UUID conversationId, UUID attachmentId) {
		Row thread = store.find(conversationId).orElseThrow(() -> new NotFoundException("attachment"));
		if (!mayRead(viewer, thread) || !attachments.inThread(conversationId, attachmentId)) {
			throw new NotFoundException("attachment");
		}
		directory.recordAccess(viewer.name(), List.of(thread.studentId()), "conversation.attachment", purpose,
				"attachment=" + attachmentId);
		return new AttachmentId(attachmentId);
	}

	/** A posted message's author as a channel names them, in the reader's language: "Tess Rivera, 3rd-grade teacher". */
	@Transactional(readOnly = true)
	public Optional<String> postedAuthor(UUID conversationId, UUID messageId, Locale locale) {
		return store.message(conversationId, messageId).map(message -> {
			String role = roleLabel(message, locale);
			return role == null || role.isBlank() ? message.authorName() : message.authorName() + ", " + role;
		});
	}

	/** Whether the caller stands in the thread at all (nothing is read, so nothing is logged). */
	boolean mayRead(Viewer viewer, Row thread) {
		return access.standing(viewer, thread).isPresent();
	}

	/** The role as shown beside a message, in the reader's language: "3rd-grade teacher". */
	String roleLabel(MessageRow message, Locale locale) {
		String role = message.authorRole();
		if ("TEACHER".equals(role) && message.authorGrade() != null) {
			String general = words.getMessage("conversations.role.TEACHER.grade",
					new Object[] { message.authorGrade().replaceFirst("^0", "") }, locale);
			return words.getMessage("conversations.role.TEACHER.grade." + message.authorGrade(), null, general, locale);
		}
		return words.getMessage("conversations.role." + role, null, role, locale);
	}

	private Map<UUID, String> visibleStudents(Viewer viewer, List<UUID> candidates) {
		if (viewer.staff() || viewer.districtAdmin()) {
			return new HashMap<>(directory.visibleStudentNames(viewer, candidates));
		}
		List<UUID> allowed = candidates.stream().filter(student -> viewer.guardianIds().stream()
			.anyMatch(guardian -> access.mayConverse(guardian, student))).toList();
		return new HashMap<>(directory.visibleStudentNames(viewer, allowed));
	}

	private void logShown(Viewer viewer, String purpose, List<UUID> students, String what, String query) {
		List<UUID> distinct = List.copyOf(new LinkedHashSet<>(students));
		if (!distinct.isEmpty()) {
			directory.recordAccess(viewer.name(), distinct, what, purpose, query);
		}
	}

	private String studentName(UUID studentId) {
		// Shown only once the caller's standing is known, which the policy already decided.
		return directory.visibleStudentNames(Viewer.districtAdministrator(), List.of(studentId)).get(studentId);
	}

	private String staffName(Row thread) {
		return Optional.ofNullable(thread.staffId())
			.flatMap(staff -> parties.staffCard(staff, thread.studentId()))
			.map(ConversationParties.StaffCard::name)
			.orElse(null);
	}

	private List<String> guardianNames(Viewer viewer, List<UUID> guardians) {
		Map<UUID, String> names = directory.visibleGuardianNames(viewer, guardians);
		return guardians.stream().map(names::get).filter(name -> name != null).toList();
	}

	private static boolean mine(Viewer viewer, MessageRow message) {
		return message.authorStaffId() != null && viewer.staffId().map(message.authorStaffId()::equals).orElse(false)
				|| message.authorGuardianId() != null && viewer.guardianIds().contains(message.authorGuardianId());
	}
}
