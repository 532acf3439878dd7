package org.homeroom.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.homeroom.directory.Directory;
import org.homeroom.directory.SchoolView;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saved templates staff start announcements from: a school's, seen and used by its staff, and the
 * district's own, written by district administrators; with the placeholders the renderer fills in.
 */
@Service
class MessageTemplates {

	private final JdbcClient jdbc;

	private final Directory directory;

	private final Clock clock;

	MessageTemplates(JdbcClient jdbc, Directory directory, Clock clock) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.clock = clock;
	}

	/** The placeholders {@link MessageRenderer} fills in; any other {@code {word}} would reach families as typed. */
	static final Set<String> PLACEHOLDERS = Set.of("{guardianName}", "{childName}", "{school}");

	private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{[^{}\\s]*}");

	/**
	 * A school's saved templates and the district-wide ones, by name, optionally those whose name
	 * or subject holds {@code search}. Only staff who work at the school see them.
	 */
	@Transactional(readOnly = true)
	MessageTemplate.Page templates(Viewer sender, UUID schoolId, String search, int page) {
		sender.requireStaff(Announcements.FOR_STAFF);
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
	List<MessageTemplate> usableTemplates(Viewer sender) {
		sender.requireStaff(Announcements.FOR_STAFF);
		List<UUID> schools = directory.schoolsWorkedAt(sender).stream().map(school -> school.id()).toList();
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
	List<SchoolView> templateSchools(Viewer sender) {
		sender.requireStaff(Announcements.FOR_STAFF);
		return directory.schoolsWorkedAt(sender);
	}

	/** One template, to edit or to start an announcement from; one the sender may not use answers 404. */
	@Transactional(readOnly = true)
	MessageTemplate template(Viewer sender, UUID id) {
		sender.requireStaff(Announcements.FOR_STAFF);
		MessageTemplate template = jdbc.sql(TEMPLATE_COLUMNS + " where id = ?").param(id).query(MessageTemplate.class)
			.optional().orElseThrow(() -> new NotFoundException("template"));
		if (template.schoolId() != null && !directory.worksAt(sender, template.schoolId())) {
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
	MessageTemplate saveTemplate(Viewer sender, UUID id, MessageTemplate.Draft draft) {
		sender.requireStaff(Announcements.FOR_STAFF);
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
				.param("by", sender.name())
				.param("now", Timestamp.from(now))
				.update();
		}
		catch (org.springframework.dao.DuplicateKeyException ex) {
			throw new InvalidInputException("name", "This school already has a template called " + draft.name().strip());
		}
		return template(sender, saved);
	}

	@Transactional
	void deleteTemplate(Viewer sender, UUID id) {
		MessageTemplate template = template(sender, id);
		requireMayWrite(sender, template.schoolId());
		jdbc.sql("delete from messaging.message_template where id = ?").param(id).update();
	}

	/** Enough for a choice on the form; a district with more names them by school on the API. */
	private static final int USABLE_TEMPLATES = 200;

	private static final String TEMPLATE_COLUMNS = """
			select id, school_id, name, category, subject, body, created_by, created_at, updated_by, updated_at
			from messaging.message_template""";

	private void requireWorksAt(Viewer sender, UUID schoolId) {
		if (!directory.worksAt(sender, schoolId)) {
			throw new NotFoundException("school");
		}
	}

	/** The district's own templates are written by district administrators; a school's by its staff. */
	private void requireMayWrite(Viewer sender, UUID schoolId) {
		if (schoolId == null) {
			if (!sender.districtAdmin()) {
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
}
