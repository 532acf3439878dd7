package org.homeroom.directory;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How many of the district's families prefer each language, for planning translation: counts
 * only, no one named, so nothing is written to the access log. For district administrators, who
 * see the whole district.
 */
@Service
public class FamilyLanguages {

	private final JdbcClient jdbc;

	FamilyLanguages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A language by its primary tag ({@code es} for {@code es-MX}) and the active guardians of active students who prefer it. */
	public record FamilyLanguage(String language, long guardians) {
	}

	/** Every language the district's active guardians of active students prefer, most guardians first. */
	@Transactional(readOnly = true)
	public List<FamilyLanguage> preferred(Viewer viewer) {
		if (!viewer.districtAdmin()) {
			throw new AccessDeniedException("The district's family languages are for district administrators");
		}
		return jdbc.sql("""
				select lower(split_part(gu.preferred_language, '-', 1)) as language, count(distinct gu.id) as guardians
				from directory.guardian gu
				where gu.active and gu.preferred_language is not null and gu.preferred_language <> ''
				  and exists (select 1 from directory.guardianship g join directory.student s on s.id = g.student_id
				              where g.guardian_id = gu.id and s.active)
				group by 1 order by 2 desc, 1""")
			.query((row, n) -> new FamilyLanguage(row.getString("language"), row.getLong("guardians")))
			.list();
	}
}
