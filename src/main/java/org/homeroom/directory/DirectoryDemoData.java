package org.homeroom.directory;

import java.util.List;

import org.homeroom.platform.DemoData;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The demo district: three schools, about 900 students and 1,400 guardians, always the same. The
 * staff below carry the e-mail addresses of the demo accounts (see the accounts module's demo
 * data), so that signing in as one of them shows a real school.
 */
@Component
@Order(5)
class DirectoryDemoData implements DemoData {

	static final long SEED = 2026L;

	static final int STUDENTS = 900;

	static final List<DistrictGenerator.NamedStaff> STAFF = List.of(
			new DistrictGenerator.NamedStaff("principal@demo.homeroom.test", "Marcus", "Oyelaran", "SCHOOL_ADMIN", 1),
			new DistrictGenerator.NamedStaff("teacher@demo.homeroom.test", "Lucía", "Herrera", "TEACHER", 1),
			new DistrictGenerator.NamedStaff("counselor@demo.homeroom.test", "Priya", "Raman", "COUNSELOR", 1),
			new DistrictGenerator.NamedStaff("liaison@demo.homeroom.test", "Yousef", "Haddad", "FAMILY_LIAISON", 1),
			new DistrictGenerator.NamedStaff("attendance@demo.homeroom.test", "Grace", "Kim", "ATTENDANCE_OFFICER", 1));

	private final JdbcTemplate jdbc;

	private final DistrictClock clock;

	DirectoryDemoData(JdbcTemplate jdbc, DistrictClock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void seed() {
		new DistrictGenerator(jdbc, SEED, clock.today()).generate(STUDENTS, STAFF);
	}
}
