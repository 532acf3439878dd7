package org.homeroom.translation;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.homeroom.directory.FamilyLanguages;
import org.homeroom.directory.StaffAdministration;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NotFoundException;
import org.homeroom.shared.LanguageTag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who reviews translations into which language (the "translator" grant on a staff record), and which
 * message categories wait for them. District administrators manage both, on Administration →
 * Translation → Reviewers; a grant names a staff record and one of the languages the district's
 * families prefer.
 */
@Service
public class Translators {

	/** Reviewers listed on the administrator's page at a time. */
	static final int PAGE_SIZE = 25;

	static final String FOR_ADMINISTRATORS = "Reviewers are chosen by district administrators";

	private final JdbcClient jdbc;

	private final StaffAdministration staff;

	private final FamilyLanguages familyLanguages;

	private final ReviewableCategories reviewable;

	private final Clock clock;

	Translators(JdbcClient jdbc, StaffAdministration staff, FamilyLanguages familyLanguages, ReviewableCategories reviewable,
			Clock clock) {
		this.jdbc = jdbc;
		this.staff = staff;
		this.familyLanguages = familyLanguages;
		this.reviewable = reviewable;
		this.clock = clock;
	}

	/** One grant, with the staff member's name and address as the directory has them. */
	public record Grant(UUID staffId, String name, String email, String language) {
	}

	public record GrantPage(List<Grant> rows, long total, int page) {
	}

	/** A page of grants, by language and then in the order they were made; {@code language} blank for every language. */
	@Transactional(readOnly = true)
	public GrantPage grants(Viewer viewer, String language, int page) {
		requireDistrictAdmin(viewer);
		String only = language == null ? "" : language.strip();
		int from = Math.max(page, 0);
		long total = jdbc.sql("select count(*) from translation.translator where (:only = '' or language = :only)")
			.param("only", only).query(Long.class).single();
		List<Grant> rows = jdbc.sql("""
				select staff_id, language from translation.translator where (:only = '' or language = :only)
				order by language, granted_at, staff_id limit :limit offset :offset""")
			.param("only", only)
			.param("limit", PAGE_SIZE)
			.param("offset", (long) from * PAGE_SIZE)
			.query((rs, row) -> {
				UUID id = rs.getObject(1, UUID.class);
				Optional<StaffAdministration.StaffMember> member = staff.staffRecord(id);
				return new Grant(id, member.map(StaffAdministration.StaffMember::name).orElse(""),
						member.map(StaffAdministration.StaffMember::email).orElse(""), rs.getString(2));
			})
			.list();
		return new GrantPage(rows, total, from);
	}

	/** The languages a district administrator may grant: those the district's families prefer, but English. */
	@Transactional(readOnly = true)
	public List<String> grantableLanguages(Viewer viewer) {
		requireDistrictAdmin(viewer);
		return familyLanguages.preferred(viewer).stream().map(FamilyLanguages.FamilyLanguage::language)
			.map(Translators::primary).filter(language -> !language.equals(Translations.WRITTEN_IN)).distinct().sorted().toList();
	}

	/** Grants the translator role for a language; granting it again changes nothing. */
	@Transactional
	public Grant grant(Viewer viewer, UUID staffId, String language) {
		requireDistrictAdmin(viewer);
		StaffAdministration.StaffMember member = staff.staffMember(viewer, staffId)
			.orElseThrow(() -> new InvalidInputException("staffId", "No such staff member"));
		String tag = grantable(viewer, language);
		jdbc.sql("""
				insert into translation.translator (staff_id, language, granted_by, granted_at) values (?, ?, ?, ?)
				on conflict do nothing""")
			.params(staffId, tag, viewer.name(), Timestamp.from(clock.instant())).update();
		return new Grant(staffId, member.name(), member.email(), tag);
	}

	/** Removes a grant (the confirmation is the page's); one already gone is not found. */
	@Transactional
	public Grant revoke(Viewer viewer, UUID staffId, String language) {
		Grant grant = held(viewer, staffId, language);
		jdbc.sql("delete from translation.translator where staff_id = ? and language = ?").params(staffId, grant.language()).update();
		return grant;
	}

	/** One existing grant, for the page that confirms its removal. */
	@Transactional(readOnly = true)
	public Grant existing(Viewer viewer, UUID staffId, String language) {
		return held(viewer, staffId, language);
	}

	private Grant held(Viewer viewer, UUID staffId, String language) {
		requireDistrictAdmin(viewer);
		String tag = primaryOrNull(language);
		boolean held = tag != null && jdbc.sql("select exists (select 1 from translation.translator where staff_id = ? and language = ?)")
			.params(staffId, tag).query(Boolean.class).single();
		if (!held) {
			throw new NotFoundException("translator grant");
		}
		StaffAdministration.StaffMember member = staff.staffRecord(staffId).orElse(null);
		return new Grant(staffId, member == null ? "" : member.name(), member == null ? "" : member.email(), tag);
	}

	/** The languages this staff member reviews, empty for anyone else. */
	@Transactional(readOnly = true)
	public Set<String> languagesOf(Viewer viewer) {
		if (viewer.staffId().isEmpty()) {
			return Set.of();
		}
		return new LinkedHashSet<>(jdbc.sql("select language from translation.translator where staff_id = ? order by language")
			.param(viewer.staffId().get()).query(String.class).list());
	}

	/** Of these primary languages, those with at least one reviewer. */
	Set<String> reviewed(Collection<String> languages) {
		if (languages.isEmpty()) {
			return Set.of();
		}
		return Set.copyOf(jdbc.sql("select distinct language from translation.translator where language in (:languages)")
			.param("languages", languages).query(String.class).list());
	}

	/** The staff records that review a language, for telling them. */
	List<UUID> reviewersOf(String language) {
		return jdbc.sql("select staff_id from translation.translator where language = ?").param(language).query(UUID.class).list();
	}

	/** The category names a district may choose, as messaging defines them. */
	public List<String> reviewableCategories() {
		return reviewable.names();
	}

	/** The categories whose translations wait for a reviewer. */
	@Transactional(readOnly = true)
	public Set<String> reviewedCategories() {
		return new LinkedHashSet<>(jdbc.sql("select category from translation.review_category order by category")
			.query(String.class).list());
	}

	/** Chooses the categories that wait for a reviewer; an unknown name is bad input. */
	@Transactional
	public void chooseCategories(Viewer viewer, Collection<String> categories) {
		requireDistrictAdmin(viewer);
		List<String> known = reviewableCategories();
		for (String category : categories) {
			if (!known.contains(category)) {
				throw new InvalidInputException("categories", "No category is called " + category);
			}
		}
		jdbc.sql("delete from translation.review_category").update();
		for (String category : new LinkedHashSet<>(categories)) {
			jdbc.sql("insert into translation.review_category (category, chosen_by, chosen_at) values (?, ?, ?)")
				.params(category, viewer.name(), Timestamp.from(clock.instant())).update();
		}
	}

	private String grantable(Viewer viewer, String language) {
		String tag = primaryOrNull(language);
		if (tag == null || !grantableLanguages(viewer).contains(tag)) {
			throw new InvalidInputException("language", "Choose one of the languages the district's families prefer");
		}
		return tag;
	}

	static String primary(String language) {
		return LanguageTag.of(language).language();
	}

	private static String primaryOrNull(String language) {
		try {
			return language == null || language.length() > 35 ? null : primary(language);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	static void requireDistrictAdmin(Viewer viewer) {
		if (!viewer.districtAdmin()) {
			throw new AccessDeniedException(FOR_ADMINISTRATORS);
		}
	}
}
