package org.homeroom.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Who may see a student, case by case: the relationships grant access, nothing else does. */
@IntegrationTest
class AccessPolicyIntegrationTests {

	@Autowired
	Directory directory;

	@Autowired
	DistrictClock clock;

	@Autowired
	JdbcClient jdbc;

	Districts given;

	LocalDate today;

	UUID lincoln;

	UUID roosevelt;

	UUID maya;

	@BeforeEach
	void aStudentEnrolledAtLincoln() {
		given = Districts.in(jdbc);
		today = clock.today();
		lincoln = given.school("Lincoln Middle");
		roosevelt = given.school("Roosevelt High");
		maya = given.aStudent("Maya").inGrade("07").enrolledAt(lincoln, today.minusMonths(3)).id();
	}

	@Test
	void aDistrictAdministratorSeesEveryStudent() {
		assertThat(directory.canSee(Viewer.districtAdministrator(), maya)).isTrue();
		assertThat(directory.canSeeProgramFlags(Viewer.districtAdministrator(), maya)).isTrue();
	}

	@Test
	void nobodySeesAStudentThatDoesNotExist() {
		assertThat(directory.canSee(Viewer.districtAdministrator(), UUID.randomUUID())).isFalse();
	}

	@Test
	void aGuardianWithEducationalRightsSeesTheirOwnChildOnly() {
		UUID mother = given.aGuardian("Rosa").ofStudent(maya).withEducationalRights().id();
		UUID otherChild = given.aStudent("Sam").inGrade("07").enrolledAt(lincoln, today.minusMonths(3)).id();

		assertThat(directory.canSee(Viewer.guardian(mother), maya)).isTrue();
		assertThat(directory.canSee(Viewer.guardian(mother), otherChild)).isFalse();
	}

	@Test
	void aGuardianWithoutEducationalRightsSeesNothing() {
		UUID father = given.aGuardian("Tom").ofStudent(maya).withoutEducationalRights().id();

		assertThat(directory.canSee(Viewer.guardian(father), maya)).isFalse();
	}

	@Test
	void aNoRecordsRestrictionHidesTheChildWhileItIsInForce() {
		UUID father = given.aGuardian("Tom").ofStudent(maya).withEducationalRights().id();
		UUID order = given.restrict(father, maya, "NO_RECORDS", today.minusDays(10), null);

		assertThat(directory.canSee(Viewer.guardian(father), maya)).isFalse();

		given.lift(order);
		assertThat(directory.canSee(Viewer.guardian(father), maya)).isTrue();
	}

	@Test
	void aNoRecordsRestrictionOutsideItsDatesDoesNotApply() {
		UUID father = given.aGuardian("Tom").ofStudent(maya).withEducationalRights().id();
		given.restrict(father, maya, "NO_RECORDS", today.plusDays(1), null);
		given.restrict(father, maya, "NO_RECORDS", today.minusDays(30), today.minusDays(1));

		assertThat(directory.canSee(Viewer.guardian(father), maya)).isTrue();
	}

	@Test
	void aNoContactRestrictionDoesNotHideRecords() {
		UUID father = given.aGuardian("Tom").ofStudent(maya).withEducationalRights().id();
		given.restrict(father, maya, "NO_CONTACT", today.minusDays(10), null);

		assertThat(directory.canSee(Viewer.guardian(father), maya)).isTrue();
	}

	@Test
	void aRestrictionOnOneChildLeavesTheOtherChildVisible() {
		UUID brother = given.aStudent("Leo").inGrade("10").enrolledAt(roosevelt, today.minusMonths(3)).id();
		UUID father = given.aGuardian("Tom")
			.ofStudent(maya).withEducationalRights()
			.ofStudent(brother).withEducationalRights()
			.id();
		given.restrict(father, maya, "NO_RECORDS", today.minusDays(1), null);

		assertThat(directory.canSee(Viewer.guardian(father), maya)).isFalse();
		assertThat(directory.canSee(Viewer.guardian(father), brother)).isTrue();
	}

	@Test
	void aTeacherSeesTheStudentsOfTheirCurrentClassesOnly() {
		UUID teacher = given.staff("Ana");
		given.assign(teacher, lincoln, "TEACHER");
		UUID maths = given.aSection("Maths 7").at(lincoln).taughtBy(teacher).id();
		UUID classmate = given.aStudent("Ben").inGrade("07").enrolledAt(lincoln, today.minusMonths(3)).id();
		given.enrolInSection(maths, maya, today.minusMonths(3), null);

		assertThat(directory.canSee(Viewer.staff(teacher), maya)).isTrue();
		assertThat(directory.canSee(Viewer.staff(teacher), classmate))
			.as("being a teacher at the school is not enough").isFalse();
		assertThat(directory.canSeeProgramFlags(Viewer.staff(teacher), maya)).isTrue();
	}

	@Test
	void aTeacherLosesAStudentWhoLeftTheClassOrWhenTheClassEnds() {
		UUID teacher = given.staff("Ana");
		UUID maths = given.aSection("Maths 7").at(lincoln).taughtBy(teacher).id();
		UUID oldClass = given.aSection("Maths 6").at(lincoln).inactive().taughtBy(teacher).id();
		given.enrolInSection(maths, maya, today.minusMonths(3), today.minusDays(1));
		given.enrolInSection(oldClass, maya, today.minusMonths(3), null);

		assertThat(directory.canSee(Viewer.staff(teacher), maya)).isFalse();
	}

	@Test
	void schoolStaffSeeStudentsEnrolledAtTheirSchoolToday() {
		for (String role : new String[] { "SCHOOL_ADMIN", "COUNSELOR", "FAMILY_LIAISON", "ATTENDANCE_OFFICER" }) {
			UUID atLincoln = given.staff(role);
			given.assign(atLincoln, lincoln, role);
			UUID atRoosevelt = given.staff(role);
			given.assign(atRoosevelt, roosevelt, role);

			assertThat(directory.canSee(Viewer.staff(atLincoln), maya)).as(role + " at the student's school").isTrue();
			assertThat(directory.canSee(Viewer.staff(atRoosevelt), maya)).as(role + " at another school").isFalse();
		}
	}

	@Test
	void aTransferMovesAccessFromTheOldSchoolToTheNewOneOnTheDay() {
		UUID leo = given.student("Leo", "08");
		given.enrol(leo, lincoln, today.minusMonths(4), today.minusDays(1));
		given.enrol(leo, roosevelt, today, null);
		UUID oldCounsellor = given.staff("Old");
		given.assign(oldCounsellor, lincoln, "COUNSELOR");
		UUID newCounsellor = given.staff("New");
		given.assign(newCounsellor, roosevelt, "COUNSELOR");

		assertThat(directory.canSee(Viewer.staff(oldCounsellor), leo)).isFalse();
		assertThat(directory.canSee(Viewer.staff(newCounsellor), leo)).isTrue();
	}

	@Test
	void programmeFlagsAreForTeachersCounsellorsAndAdministratorsOnly() {
		UUID counsellor = given.staff("Priya");
		given.assign(counsellor, lincoln, "COUNSELOR");
		UUID liaison = given.staff("Yousef");
		given.assign(liaison, lincoln, "FAMILY_LIAISON");
		UUID attendance = given.staff("Grace");
		given.assign(attendance, lincoln, "ATTENDANCE_OFFICER");
		UUID mother = given.aGuardian("Rosa").ofStudent(maya).withEducationalRights().id();

		assertThat(directory.canSeeProgramFlags(Viewer.staff(counsellor), maya)).isTrue();
		assertThat(directory.canSeeProgramFlags(Viewer.staff(liaison), maya)).isFalse();
		assertThat(directory.canSeeProgramFlags(Viewer.staff(attendance), maya)).isFalse();
		assertThat(directory.canSeeProgramFlags(Viewer.guardian(mother), maya)).isFalse();
	}
}
