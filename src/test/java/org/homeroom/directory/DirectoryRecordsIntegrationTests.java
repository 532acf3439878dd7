package org.homeroom.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Whole records as the pages show them, each assembled for one reader. */
@IntegrationTest
class DirectoryRecordsIntegrationTests {

	@Autowired
	DirectoryRecords records;

	@Autowired
	Directory directory;

	@Autowired
	DistrictClock clock;

	@Autowired
	JdbcClient jdbc;

	Districts given;

	LocalDate today;

	UUID lincoln;

	UUID maya;

	UUID mother;

	UUID father;

	UUID maths;

	UUID teacher;

	@BeforeEach
	void aFamilySplitAcrossTwoHouseholds() {
		given = Districts.in(jdbc);
		today = clock.today();
		lincoln = given.school("Lincoln Middle");
		maya = given.aStudent("Maya").inGrade("07").enrolledAt(lincoln, today.minusMonths(2)).id();
		mother = given.aGuardian("Rosa").ofStudent(maya).withEducationalRights().speaking("es-MX").id();
		father = given.aGuardian("Tom").ofStudent(maya).withEducationalRights().id();
		given.restrict(father, maya, "NO_CONTACT", today.minusDays(3), null);
		teacher = given.staff("Ana");
		maths = given.aSection("Maths 7").at(lincoln).taughtBy(teacher).id();
		given.enrolInSection(maths, maya, today.minusMonths(2), null);
	}

	@Test
	void aStudentRecordShowsEnrolmentsClassesGuardiansAndTheirRestrictions() {
		Records.StudentRecord record = records.student(Viewer.staff(teacher), "records.teacher@district.test", "page", maya)
			.orElseThrow();

		assertThat(record.enrolments()).singleElement().satisfies(line -> {
			assertThat(line.schoolName()).isEqualTo("Lincoln Middle");
			assertThat(line.current()).isTrue();
		});
		assertThat(record.classes()).singleElement().satisfies(line -> {
			assertThat(line.title()).isEqualTo("Maths 7");
			assertThat(line.teachers()).containsExactly("Ana Testing");
		});
		assertThat(record.guardians()).extracting(line -> line.guardian().givenName()).containsExactlyInAnyOrder("Rosa", "Tom");
		assertThat(record.guardians()).filteredOn(line -> line.guardian().givenName().equals("Tom"))
			.singleElement()
			.satisfies(line -> assertThat(line.restrictions()).singleElement().satisfies(restriction -> {
				assertThat(restriction.type()).isEqualTo(DirectoryCommands.RestrictionType.NO_CONTACT);
				assertThat(restriction.inForce()).isTrue();
			}));
		assertThat(record.student().programFlags()).isNotNull();
	}

	@Test
	void aClassRosterIsForItsTeacherAndTheSchoolsStaffOnly() {
		UUID otherTeacher = given.staff("Ben");

		assertThat(records.roster(Viewer.staff(teacher), "t", "page", maths)).hasValueSatisfying(
				roster -> assertThat(roster.students()).extracting(StudentSearch.Summary::id).containsExactly(maya));
		assertThat(records.roster(Viewer.staff(otherTeacher), "t", "page", maths)).isEmpty();
		assertThat(records.classesTaughtBy(teacher)).singleElement().satisfies(summary -> assertThat(summary.students()).isEqualTo(1));
	}

	@Test
	void searchFiltersByClassAndByAGuardiansLanguage() {
		UUID other = given.aStudent("Sam").inGrade("07").enrolledAt(lincoln, today.minusMonths(2)).id();

		assertThat(directory.searchStudents(Viewer.districtAdministrator(), "a", "test",
				new StudentSearch.Criteria(null, null, null, maths, null, 0, 25)).items())
			.extracting(StudentSearch.Summary::id).containsExactly(maya);
		assertThat(directory.searchStudents(Viewer.districtAdministrator(), "a", "test",
				new StudentSearch.Criteria(lincoln, null, null, null, "es", 0, 25)).items())
			.extracting(StudentSearch.Summary::id).containsExactly(maya);
	}

	@Test
	void aGuardianRecordListsOnlyTheChildrenTheReaderMaySee() {
		UUID roosevelt = given.school("Roosevelt High");
		UUID brother = given.aStudent("Leo").inGrade("10").enrolledAt(roosevelt, today.minusMonths(2)).id();
		given.theGuardian(mother).ofStudent(brother).withEducationalRights();

		assertThat(records.guardian(Viewer.staff(teacher), "t", "page", mother)).hasValueSatisfying(
				guardian -> assertThat(guardian.children()).extracting(Records.ChildLine::givenName).containsExactly("Maya"));
		assertThat(records.guardian(Viewer.districtAdministrator(), "a", "page", mother)).hasValueSatisfying(
				guardian -> assertThat(guardian.children()).extracting(Records.ChildLine::givenName).containsExactly("Leo", "Maya"));
		assertThat(records.guardian(Viewer.staff(given.staff("Stranger")), "s", "page", mother)).isEmpty();
	}

	@Test
	void aFamilySeesItsOwnChildButNotTheOtherParentsContactDetails() {
		given.theGuardian(father).reachableByEmail("tom@family.example");

		assertThat(records.childrenOf(Viewer.guardian(mother), "rosa", "app")).extracting(StudentView::id).containsExactly(maya);
		assertThat(directory.guardiansOf(Viewer.guardian(mother), "rosa", "app", maya).orElseThrow())
			.filteredOn(view -> view.id().equals(father))
			.singleElement()
			.satisfies(view -> assertThat(view.emails()).isEmpty());
		assertThat(directory.guardiansOf(Viewer.staff(teacher), "t", "page", maya).orElseThrow())
			.filteredOn(view -> view.id().equals(father))
			.singleElement()
			.satisfies(view -> assertThat(view.emails()).hasSize(1));
	}
}
