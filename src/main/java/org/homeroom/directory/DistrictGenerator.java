package org.homeroom.directory;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Builds a realistic, deterministic district: the same seed gives the same people. Demo mode uses
 * it for a district of about 900 students; {@code bench/generate-district.sh} uses it for districts
 * of any size. Names, languages and households follow the kind of district Homeroom is for:
 * about half of families prefer a language other than English, many households are split, and
 * siblings attend different schools.
 *
 * <p>Writes straight to the tables in large batches (it creates tens of thousands of rows), so it
 * bypasses the aggregates' rules on purpose: everything it writes is valid by construction.
 */
final class DistrictGenerator {

	private static final Logger log = LoggerFactory.getLogger(DistrictGenerator.class);

	private static final int BATCH = 2_000;

	/** Language shares, in per cent, for a district with many newcomer families. */
	private static final String[] LANGUAGES = { "en", "es", "vi", "zh", "ar", "so", "ht", "pt" };

	private static final int[] LANGUAGE_SHARES = { 52, 26, 6, 5, 4, 3, 2, 2 };

	private static final String[][] GIVEN = {
			{ "Emma", "Liam", "Olivia", "Noah", "Ava", "Ethan", "Grace", "Mason", "Chloe", "Owen", "Harper", "Caleb" },
			{ "Sofía", "Mateo", "Valentina", "Santiago", "Camila", "Diego", "Lucía", "Alejandro", "Ximena", "Daniel", "María", "José" },
			{ "Anh", "Minh", "Linh", "Huy", "Thảo", "Bảo", "Ngọc", "Khang", "Trâm", "Phúc" },
			{ "Wei", "Mei", "Jun", "Xin", "Hao", "Ling", "Yu", "Chen", "Lan", "Jie" },
			{ "Omar", "Layla", "Yusuf", "Mariam", "Khalid", "Noor", "Hassan", "Fatima", "Zaid", "Amira" },
			{ "Ayaan", "Hodan", "Abdi", "Sahra", "Mahad", "Ifrah", "Liban", "Hamdi", "Farah", "Idil" },
			{ "Jean", "Marie", "Wesley", "Nadège", "Ricardo", "Fabienne", "Kervens", "Rose", "Jonas", "Daphnée" },
			{ "João", "Ana", "Pedro", "Beatriz", "Lucas", "Mariana", "Gabriel", "Larissa", "Rafael", "Júlia" } };

	private static final String[][] FAMILY = {
			{ "Johnson", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Clark", "Walker", "Hall" },
			{ "García", "Hernández", "López", "Martínez", "González", "Rodríguez", "Pérez", "Sánchez", "Ramírez", "Torres" },
			{ "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi" },
			{ "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao" },
			{ "Haddad", "Khalil", "Nasser", "Saleh", "Hamdan", "Mansour", "Aziz", "Darwish" },
			{ "Mohamed", "Ali", "Hassan", "Farah", "Abdi", "Warsame", "Omar", "Jama" },
			{ "Joseph", "Pierre", "Jean-Baptiste", "Charles", "Louis", "Désir", "Étienne", "Michel" },
			{ "Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Almeida", "Ferreira" } };

	private static final String[] AREA_CODES = { "202", "303", "312", "415", "617", "713", "214", "305", "404", "503" };

	private static final String[] BEST_TIMES = { "Weekday evenings", "Mornings before 8", "Lunch time", "Weekends",
			"After 6 pm" };

	private static final String[] RACES = { "White", "BlackOrAfricanAmerican", "Asian", "AmericanIndianOrAlaskaNative",
			"NativeHawaiianOrOtherPacificIslander" };

	private static final String[] SUBJECTS = { "Maths", "English", "Science", "Social Studies", "Art", "Music",
			"Physical Education", "Reading" };

	/**
	 * How the district is made up: how many classes each student takes, and whether some families
	 * have more than one child at the district's schools (siblings share their guardians).
	 */
	record Shape(int classesPerStudent, boolean siblings) {

		/** Four classes a student, a quarter of families with a second child: the demo district's. */
		static final Shape TYPICAL = new Shape(4, true);
	}

	/** Staff whose e-mail matches a demo account, so that signing in as them shows their school. */
	record NamedStaff(String email, String givenName, String familyName, String role, int school) {
	}

	private final JdbcTemplate jdbc;

	private final Random random;

	private final LocalDate today;

	private int phoneSerial;

	DistrictGenerator(JdbcTemplate jdbc, long seed, LocalDate today) {
		this.jdbc = jdbc;
		this.random = new Random(seed);
		this.today = today;
	}

	/**
	 * Writes a district with three schools (elementary, middle, high) and about {@code students}
	 * students, with their guardians, staff and classes.
	 */
	void generate(int students, List<NamedStaff> namedStaff) {
		generate(students, namedStaff, Shape.TYPICAL);
	}

	void generate(int students, List<NamedStaff> namedStaff, Shape shape) {
		Instant started = Instant.now();
		LocalDate yearStart = LocalDate.of(today.getMonthValue() >= Month.AUGUST.getValue() ? today.getYear()
				: today.getYear() - 1, Month.AUGUST, 15);
		LocalDate yearEnd = yearStart.plusYears(1).withMonth(6).withDayOfMonth(15);
		LocalDate winter = yearStart.plusMonths(5);

		jdbc.update("insert into directory.district (id, name, time_zone) values (?, ?, ?) on conflict (singleton) do nothing",
				id(), "Riverside Unified School District", "America/Chicago");
		UUID year = id();
		jdbc.update("insert into directory.school_year (id, name, starts_on, ends_on) values (?, ?, ?, ?)", year,
				yearStart.getYear() + "–" + yearEnd.getYear(), Date.valueOf(yearStart), Date.valueOf(yearEnd));
		UUID fall = term(year, "Fall", yearStart, winter.minusDays(1));
		UUID spring = term(year, "Spring", winter, yearEnd);

		School[] schools = { new School(id(), "Riverside Elementary", "ELEMENTARY", 0, 5),
				new School(id(), "Riverside Middle", "MIDDLE", 6, 8), new School(id(), "Riverside High", "HIGH", 9, 12) };
		for (int i = 0; i < schools.length; i++) {
			// 555-01xx numbers are reserved for fiction, so the demo's office phones reach no one.
			jdbc.update("insert into directory.school (id, name, kind, office_phone) values (?, ?, ?, ?)", schools[i].id,
					schools[i].name, schools[i].kind, "+1312555010" + (i + 1));
		}

		List<Object[]> staffRows = new ArrayList<>();
		List<Object[]> assignments = new ArrayList<>();
		for (NamedStaff named : namedStaff) {
			UUID id = id();
			staffRows.add(new Object[] { id, named.givenName(), named.familyName(), named.email() });
			assignments.add(new Object[] { id, schools[named.school()].id, named.role() });
			if (named.role().equals("TEACHER")) {
				schools[named.school()].teachers.add(id);
			}
		}
		int perSchool = Math.max(students / schools.length, 1);
		for (School school : schools) {
			int teachers = Math.max(perSchool / 25, 2);
			for (int i = 0; i < teachers; i++) {
				UUID id = staffMember(staffRows, "staff");
				assignments.add(new Object[] { id, school.id, "TEACHER" });
				school.teachers.add(id);
			}
			for (String role : new String[] { "SCHOOL_ADMIN", "COUNSELOR", "COUNSELOR", "FAMILY_LIAISON", "ATTENDANCE_OFFICER" }) {
				assignments.add(new Object[] { staffMember(staffRows, role.toLowerCase(Locale.ROOT)), school.id, role });
			}
		}
		batch("insert into directory.staff (id, given_name, family_name, email) values (?, ?, ?, ?)", staffRows);
		batch("insert into directory.staff_assignment (staff_id, school_id, role) values (?, ?, ?)", assignments);

		// Classes: each grade at each school has sections of about 25, one per subject, each taught
		// by one of the school's teachers.
		List<Object[]> sections = new ArrayList<>();
		List<Object[]> teaching = new ArrayList<>();
		for (School school : schools) {
			for (int grade = school.lowestGrade; grade <= school.highestGrade; grade++) {
				int gradeSize = perSchool / (school.highestGrade - school.lowestGrade + 1);
				int groups = Math.max(1, (gradeSize + 24) / 25);
				for (int group = 0; group < groups; group++) {
					for (int subject = 0; subject < shape.classesPerStudent(); subject++) {
						UUID section = id();
						String title = SUBJECTS[(subject + grade) % SUBJECTS.length] + " " + gradeCode(grade) + "-"
								+ (char) ('A' + group);
						sections.add(new Object[] { section, school.id, subject % 2 == 0 ? fall : spring, title,
								"G" + gradeCode(grade) + "-" + subject });
						teaching.add(new Object[] { section, school.teachers.get((group * shape.classesPerStudent() + subject + grade) % school.teachers.size()) });
						school.sections(grade, group).add(section);
					}
				}
			}
		}
		batch("insert into directory.section (id, school_id, term_id, title, course_code) values (?, ?, ?, ?, ?)", sections);
		batch("insert into directory.section_teacher (section_id, staff_id) values (?, ?)", teaching);

		// Families: one to three children each; about half of the two-parent families live apart.
		List<Object[]> studentRows = new ArrayList<>();
		List<Object[]> demographics = new ArrayList<>();
		List<Object[]> enrolments = new ArrayList<>();
		List<Object[]> sectionEnrolments = new ArrayList<>();
		List<Object[]> guardianRows = new ArrayList<>();
		List<Object[]> contactPoints = new ArrayList<>();
		List<Object[]> guardianships = new ArrayList<>();
		List<UUID[]> splitFamilies = new ArrayList<>();
		UUID transferred = null;
		int made = 0;
		while (made < students) {
			int language = pick(LANGUAGE_SHARES);
			String family = one(FAMILY[language]);
			int brothersAndSisters = (random.nextInt(100) < 25 ? 1 : 0) + (random.nextInt(100) < 5 ? 1 : 0);
			int children = Math.min(1 + (shape.siblings() ? brothersAndSisters : 0), students - made);
			int roll = random.nextInt(100);
			int guardianCount = roll < 12 ? 1 : roll < 92 ? 2 : 3;
			boolean livesApart = guardianCount == 2 && random.nextInt(100) < 45;
			UUID[] guardians = new UUID[guardianCount];
			for (int g = 0; g < guardianCount; g++) {
				guardians[g] = id();
				boolean englishAtWork = language != 0 && random.nextInt(100) < 20;
				String preferred = englishAtWork ? "en" : LANGUAGES[language];
				String given = one(GIVEN[language]);
				guardianRows.add(new Object[] { guardians[g], given, family, preferred,
						random.nextInt(100) < 55 ? new String[] { "SMS", "IN_APP" } : new String[] { "EMAIL" },
						random.nextInt(100) < 60 ? one(BEST_TIMES) : null });
				if (random.nextInt(100) < 80) {
					contactPoints.add(new Object[] { id(), guardians[g], "EMAIL",
							email(given, family, g), true, 0 });
				}
				if (random.nextInt(100) < 92) {
					contactPoints.add(new Object[] { id(), guardians[g], "PHONE", phone(), true, 0 });
				}
				if (random.nextInt(100) < 3) {
					contactPoints.add(new Object[] { id(), guardians[g], "PHONE", "555-01" + random.nextInt(10), false, 1 });
				}
			}
			for (int c = 0; c < children; c++, made++) {
				UUID student = id();
				School school = schools[random.nextInt(schools.length)];
				int grade = school.lowestGrade + random.nextInt(school.highestGrade - school.lowestGrade + 1);
				LocalDate birth = yearStart.minusYears(grade + 5).minusDays(random.nextInt(365));
				boolean learner = language != 0 && random.nextInt(100) < 55;
				studentRows.add(new Object[] { student, one(GIVEN[language]), family, gradeCode(grade), Date.valueOf(birth),
						learner, random.nextInt(100) < 13, random.nextInt(100) < 4 });
				demographics.add(new Object[] { student, random.nextBoolean() ? "female" : "male", language == 1,
						new String[] { RACES[language == 3 || language == 2 ? 2 : language == 5 || language == 6 ? 1 : random.nextInt(2)] } });
				if (transferred == null && school.lowestGrade == 6 && grade == 6) {
					// The one mid-year transfer: started the year at the elementary school, moved in winter.
					transferred = student;
					enrolments.add(new Object[] { id(), student, schools[0].id, Date.valueOf(yearStart),
							Date.valueOf(winter.minusDays(1)) });
					enrolments.add(new Object[] { id(), student, school.id, Date.valueOf(winter), null });
				}
				else {
					enrolments.add(new Object[] { id(), student, school.id, Date.valueOf(yearStart), null });
				}
				List<List<UUID>> groups = school.sectionsByGrade(grade);
				for (UUID section : groups.get(random.nextInt(groups.size()))) {
					sectionEnrolments.add(new Object[] { section, student, Date.valueOf(yearStart), null });
				}
				for (int g = 0; g < guardianCount; g++) {
					boolean livesWith = !livesApart || g == 0;
					String relationship = g == 2 ? (random.nextBoolean() ? "STEP_PARENT" : "GRANDPARENT")
							: g == 0 && random.nextInt(100) < 8 ? "GUARDIAN" : "PARENT";
					guardianships.add(new Object[] { guardians[g], student, relationship, livesWith, livesWith, true });
				}
				if (livesApart) {
					splitFamilies.add(new UUID[] { guardians[1], student });
				}
			}
			if (studentRows.size() >= BATCH) {
				flushFamilies(studentRows, demographics, enrolments, sectionEnrolments, guardianRows, contactPoints, guardianships);
			}
		}
		flushFamilies(studentRows, demographics, enrolments, sectionEnrolments, guardianRows, contactPoints, guardianships);

		// The one court restriction: a parent living apart may not see their child's records.
		if (!splitFamilies.isEmpty()) {
			UUID[] courtOrder = splitFamilies.get(splitFamilies.size() / 2);
			UUID restriction = id();
			jdbc.update("""
					insert into directory.restriction (id, guardian_id, student_id, type, starts_on, source, origin)
					values (?, ?, ?, 'NO_RECORDS', ?, 'court order 2026-114', 'MANUAL')""", restriction, courtOrder[0],
					courtOrder[1], Date.valueOf(yearStart.plusMonths(1)));
			jdbc.update("insert into directory.restriction_audit (id, restriction_id, action, actor, at, note) values (?, ?, 'SET', ?, ?, ?)",
					id(), restriction, "principal@demo.homeroom.test", Timestamp.from(Instant.now()),
					"Order received from the family court");
		}
		log.info("Generated a district of {} students in {} ms", made, java.time.Duration.between(started, Instant.now()).toMillis());
	}

	private void flushFamilies(List<Object[]> students, List<Object[]> demographics, List<Object[]> enrolments,
			List<Object[]> sectionEnrolments, List<Object[]> guardians, List<Object[]> contactPoints,
			List<Object[]> guardianships) {
		batch("""
				insert into directory.student (id, given_name, family_name, grade, birth_date, english_learner, iep, section_504)
				values (?, ?, ?, ?, ?, ?, ?, ?)""", students);
		batch("insert into directory.student_demographics (student_id, sex, hispanic_or_latino, races) values (?, ?, ?, ?)",
				demographics);
		batch("insert into directory.enrolment (id, student_id, school_id, starts_on, ends_on) values (?, ?, ?, ?, ?)", enrolments);
		batch("insert into directory.section_enrolment (section_id, student_id, starts_on, ends_on) values (?, ?, ?, ?)",
				sectionEnrolments);
		batch("""
				insert into directory.guardian (id, given_name, family_name, preferred_language, preferred_channels, best_times)
				values (?, ?, ?, ?, ?, ?)""", guardians);
		batch("""
				insert into directory.contact_point (id, guardian_id, kind, value, valid, position) values (?, ?, ?, ?, ?, ?)
				on conflict (guardian_id, kind, value) do nothing""", contactPoints);
		batch("""
				insert into directory.guardianship (guardian_id, student_id, relationship, lives_with, emergency_contact, educational_rights)
				values (?, ?, ?, ?, ?, ?)""", guardianships);
	}

	private void batch(String sql, List<Object[]> rows) {
		for (int from = 0; from < rows.size(); from += BATCH) {
			jdbc.batchUpdate(sql, rows.subList(from, Math.min(from + BATCH, rows.size())));
		}
		rows.clear();
	}

	private UUID term(UUID year, String name, LocalDate from, LocalDate until) {
		UUID id = id();
		jdbc.update("insert into directory.term (id, school_year_id, name, starts_on, ends_on) values (?, ?, ?, ?, ?)", id,
				year, name, Date.valueOf(from), Date.valueOf(until));
		return id;
	}

	private UUID staffMember(List<Object[]> rows, String kind) {
		UUID id = id();
		int language = pick(LANGUAGE_SHARES);
		String given = one(GIVEN[language]);
		String family = one(FAMILY[language]);
		rows.add(new Object[] { id, given, family, kind + "." + rows.size() + "@riverside.example" });
		return id;
	}

	private String email(String given, String family, int index) {
		String local = (given + "." + family).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "");
		return local + (random.nextInt(900) + 100) + index + "@family.example";
	}

	/** Numbers in the 555-0100 to 555-0199 range, which North American numbering keeps fictional. */
	private String phone() {
		phoneSerial++;
		return "+1" + AREA_CODES[phoneSerial % AREA_CODES.length] + "55501" + String.format("%02d", (phoneSerial / AREA_CODES.length) % 100);
	}

	/** A version 4 UUID from the seeded generator, so that the same seed gives the same ids. */
	private UUID id() {
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low);
	}

	private int pick(int[] shares) {
		int roll = random.nextInt(100);
		for (int i = 0; i < shares.length; i++) {
			roll -= shares[i];
			if (roll < 0) {
				return i;
			}
		}
		return 0;
	}

	private String one(String[] values) {
		return values[random.nextInt(values.length)];
	}

	private static String gradeCode(int grade) {
		return grade == 0 ? "KG" : String.format("%02d", grade);
	}

	private static final class School {

		final UUID id;

		final String name;

		final String kind;

		final int lowestGrade;

		final int highestGrade;

		final List<UUID> teachers = new ArrayList<>();

		private final List<List<List<UUID>>> sectionsByGrade = new ArrayList<>();

		School(UUID id, String name, String kind, int lowestGrade, int highestGrade) {
			this.id = id;
			this.name = name;
			this.kind = kind;
			this.lowestGrade = lowestGrade;
			this.highestGrade = highestGrade;
			for (int grade = lowestGrade; grade <= highestGrade; grade++) {
				sectionsByGrade.add(new ArrayList<>());
			}
		}

		List<UUID> sections(int grade, int group) {
			List<List<UUID>> groups = sectionsByGrade(grade);
			while (groups.size() <= group) {
				groups.add(new ArrayList<>());
			}
			return groups.get(group);
		}

		List<List<UUID>> sectionsByGrade(int grade) {
			return sectionsByGrade.get(grade - lowestGrade);
		}
	}
}
