package org.homeroom.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The directory's answer to "may this message, addressed earlier, still go to this guardian?",
 * joined as another module joins it: laterally, to a row naming the guardian and the children.
 * The district is in Honolulu while the JVM runs in UTC, so "today" is the district's day.
 */
@IntegrationTest(properties = "homeroom.directory.time-zone=Pacific/Honolulu")
class ReachabilityIntegrationTests {

	/** 20:00 in Honolulu on 1 March; already 2 March in UTC. */
	static final Instant EVENING_IN_HONOLULU = Instant.parse("2027-03-02T06:00:00Z");

	static final LocalDate HONOLULU_TODAY = LocalDate.parse("2027-03-01");

	@Autowired
	Audiences audiences;

	@Autowired
	JdbcClient jdbc;

	Districts given;

	@AfterEach
	void removeWhatWasMade() {
		if (given != null) {
			given.removeAll();
		}
	}

	@Test
	void aGuardianWithAVerifiedAddressMayBeReached() {
		given = Districts.in(jdbc);
		UUID maya = given.aStudent("Maya").inGrade("07").id();
		UUID rosa = given.aGuardian("Rosa").ofStudent(maya).reachableByPhone("+15550100")
			.reachableByEmail("rosa@family.test").id();

		Map<String, Object> answer = reachabilityOf(rosa, maya);

		assertThat(answer).containsEntry("active", true).containsEntry("no_contact", false)
			.containsEntry("reachable", true).containsEntry("email", "rosa@family.test");
	}

	@Test
	void aRestrictionInForceOnTheDistrictsDayStopsContact() {
		given = Districts.in(jdbc);
		UUID maya = given.aStudent("Maya").inGrade("07").id();
		UUID rosa = given.aGuardian("Rosa").ofStudent(maya).reachableByEmail("rosa@family.test").id();
		given.restrict(rosa, maya, "NO_CONTACT", HONOLULU_TODAY.minusDays(10), HONOLULU_TODAY);

		assertThat(reachabilityOf(rosa, maya)).as("the order ends today in Honolulu, though it is tomorrow in UTC")
			.containsEntry("no_contact", true);
	}

	@Test
	void aRestrictionNotYetInForceOrLiftedOrOfAnotherKindDoesNot() {
		given = Districts.in(jdbc);
		UUID maya = given.aStudent("Maya").inGrade("07").id();
		UUID rosa = given.aGuardian("Rosa").ofStudent(maya).reachableByEmail("rosa@family.test").id();
		given.restrict(rosa, maya, "NO_CONTACT", HONOLULU_TODAY.plusDays(1), null);
		given.lift(given.restrict(rosa, maya, "NO_CONTACT", HONOLULU_TODAY.minusDays(3), null));
		given.restrict(rosa, maya, "NO_RECORDS", HONOLULU_TODAY.minusDays(3), null);

		assertThat(reachabilityOf(rosa, maya)).as("starting tomorrow in Honolulu, though today in UTC")
			.containsEntry("no_contact", false);
	}

	@Test
	void aRestrictionAboutAnotherChildDoesNotStopThisMessage() {
		given = Districts.in(jdbc);
		UUID maya = given.aStudent("Maya").inGrade("07").id();
		UUID leo = given.aStudent("Leo").inGrade("03").id();
		UUID rosa = given.aGuardian("Rosa").ofStudent(maya).reachableByEmail("rosa@family.test").id();
		given.theGuardian(rosa).ofStudent(leo).underRestriction("NO_CONTACT", HONOLULU_TODAY.minusDays(3));

		assertThat(reachabilityOf(rosa, maya)).containsEntry("no_contact", false);
		assertThat(reachabilityOf(rosa, leo)).containsEntry("no_contact", true);
	}

	@Test
	void aGuardianWhoseContactsNoLongerWorkCannotBeReached() {
		given = Districts.in(jdbc);
		UUID maya = given.aStudent("Maya").inGrade("07").id();
		UUID rosa = given.aGuardian("Rosa").ofStudent(maya).withUnusableEmail("rosa@bounced.test")
			.withUnusablePhone("not a number").id();

		assertThat(reachabilityOf(rosa, maya)).containsEntry("reachable", false).containsEntry("email", null);
	}

	@Test
	void anAddressAwaitingVerificationIsNotUsed() {
		given = Districts.in(jdbc);
		UUID maya = given.aStudent("Maya").inGrade("07").id();
		UUID rosa = given.aGuardian("Rosa").ofStudent(maya).reachableByPhone("+15550100")
			.reachableByEmail("rosa@new.test").id();
		jdbc.sql("update directory.contact_point set verified = false where value = 'rosa@new.test'").update();

		assertThat(reachabilityOf(rosa, maya)).containsEntry("reachable", true).containsEntry("email", null);
	}

	@Test
	void aGuardianNoLongerOnRecordIsNotActive() {
		given = Districts.in(jdbc);
		UUID maya = given.aStudent("Maya").inGrade("07").id();
		UUID rosa = given.aGuardian("Rosa").ofStudent(maya).reachableByEmail("rosa@family.test").id();
		jdbc.sql("update directory.guardian set active = false where id = ?").param(rosa).update();

		assertThat(reachabilityOf(rosa, maya)).containsEntry("active", false);
	}

	private Map<String, Object> reachabilityOf(UUID guardian, UUID student) {
		Reachability reach = audiences.reachability("claimed.guardian_id", "select claimed.student_id", EVENING_IN_HONOLULU);
		Map<String, Object> parameters = new HashMap<>(reach.parameters());
		parameters.put("guardian", guardian);
		parameters.put("student", student);
		return jdbc.sql("""
				select reach.* from (select cast(:guardian as uuid) as guardian_id, cast(:student as uuid) as student_id) claimed
				cross join lateral (%s) reach""".formatted(reach.sql()))
			.params(parameters).query().singleRow();
	}
}
