package org.homeroom.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.homeroom.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo district seeded in demo mode looks like a real district of the size the README promises. */
@ServerTest
class DemoDistrictIntegrationTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Directory directory;

	@Test
	void threeSchoolsAbout900StudentsAndAbout1400Guardians() {
		// Other tests of this shared context add schools of their own, always of kind OTHER (Districts).
		assertThat(count("select count(*) from directory.school where kind <> 'OTHER'")).isEqualTo(3);
		assertThat(count("""
				select count(distinct e.student_id) from directory.enrolment e
				join directory.school s on s.id = e.school_id where s.kind <> 'OTHER'""")).isEqualTo(900);
		assertThat(count("""
				select count(distinct g.guardian_id) from directory.guardianship g
				join directory.enrolment e on e.student_id = g.student_id
				join directory.school s on s.id = e.school_id where s.kind <> 'OTHER'""")).isBetween(1_250L, 1_550L);
		assertThat(jdbc.sql("select time_zone from directory.district").query(String.class).single()).isEqualTo("America/Chicago");
	}

	@Test
	void familiesSpeakTheDistrictsLanguages() {
		List<String> languages = jdbc.sql("select distinct preferred_language from directory.guardian order by 1")
			.query(String.class).list();
		assertThat(languages).containsExactly("ar", "en", "es", "ht", "pt", "so", "vi", "zh");
		assertThat(count("select count(*) from directory.guardian where preferred_language <> 'en'"))
			.as("about half of families prefer another language").isBetween(450L, 900L);
	}

	@Test
	void itHasSplitHouseholdsOneCourtRestrictionAndOneMidYearTransfer() {
		assertThat(count("select count(*) from directory.guardianship where not lives_with")).isGreaterThan(100);
		assertThat(jdbc.sql("select type || ' ' || source from directory.restriction").query(String.class).list())
			.containsExactly("NO_RECORDS court order 2026-114");
		assertThat(count("select count(*) from (select student_id from directory.enrolment group by student_id having count(*) > 1) t"))
			.isEqualTo(1);
	}

	@Test
	void theDemoTeacherTeachesClassesAtTheMiddleSchool() {
		Viewer teacher = directory.viewerOf("teacher@demo.homeroom.test", java.util.Set.of("TEACHER"));
		assertThat(teacher.staffId()).isPresent();
		StudentSearch.Page students = directory.searchStudents(teacher, "teacher@demo.homeroom.test", "test",
				new StudentSearch.Criteria(null, null, null, 0));
		assertThat(students.total()).isBetween(20L, 300L);
		assertThat(students.items()).allSatisfy(student -> assertThat(student.grade()).isIn("06", "07", "08"));
	}

	private long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}
}
