package org.homeroom.messaging.textreplies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import org.homeroom.directory.Districts;
import org.homeroom.directory.Viewer;
import org.homeroom.messaging.conversations.Conversations;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Where a family's text goes when it is not certain which conversation it answers: a numbered menu
 * asks, and the reply waits for the school office until the family answers it; a number nobody
 * has, or two guardians share, leaves the text for the office; keywords never become messages.
 */
class TextReplyRoutingIntegrationTests extends TextsAtLoopbackTwilio {

	@Autowired
	Conversations conversations;

	Districts given;

	LocalDate today;

	String tag;

	UUID school;

	@BeforeEach
	void aSchool() {
		given = Districts.in(jdbc);
		today = clock.today();
		tag = UUID.randomUUID().toString().substring(0, 8);
		school = given.school("Routing Elementary " + tag);
	}

	@Test
	void aParentOfTwoIsAskedWhichConversationAndTheirNumberRoutesEveryWaitingReplyThere() throws Exception {
		UUID ana = child("Ana");
		UUID omar = child("Omar");
		String phone = aPhone();
		// An e-mail address and no SMS preference: staff messages go by e-mail, not by text.
		UUID parent = given.aGuardian("Rosa", "Diaz" + tag).ofStudent(ana).withEducationalRights()
			.reachableByEmail("rosa." + tag + "@family.test").reachableByPhone(phone).id();
		given.theGuardian(parent).ofStudent(omar).withEducationalRights();
		UUID anasThread = conversations.start(teacherOf(ana, "Rivera"), ana, parent, "Ana did well today.", false);
		UUID omarsThread = conversations.start(teacherOf(omar, "Okafor"), omar, parent, "Omar needs his gym shoes.", false);

		text(phone, "She will be late tomorrow");
		await().atMost(Duration.ofSeconds(15)).until(() -> twilio.requestsTo(phone).size() == 1);
		String menu = twilio.textsTo(phone).get(0).get("Body");
		assertThat(menu).startsWith("Which conversation is your text about? Reply ")
			.contains("1 for Tess Okafor" + tag + " (Omar)", "2 for Tess Rivera" + tag + " (Ana)");
		assertThat(statusOfText(phone, "She will be late tomorrow")).isEqualTo("WAITING");

		text(phone, "And she has the dentist");
		// A second reply joins the menu that waits: no second menu.
		Thread.sleep(800);
		assertThat(twilio.requestsTo(phone)).hasSize(1);

		// Another family's "2" routes nothing of Rosa's.
		String otherPhone = aPhone();
		UUID other = given.aGuardian("Omid", "Else" + tag).ofStudent(child("Lea")).withEducationalRights()
			.reachableByPhone(otherPhone).id();
		assertThat(other).isNotNull();
		text(otherPhone, "2");
		assertThat(statusOfText(phone, "She will be late tomorrow")).isEqualTo("WAITING");

		text(phone, " 2 ");
		assertThat(messagesIn(anasThread)).containsSubsequence("She will be late tomorrow", "And she has the dentist");
		assertThat(messagesIn(omarsThread)).containsExactly("Omar needs his gym shoes.");
		assertThat(statusOfText(phone, "She will be late tomorrow")).isEqualTo("ROUTED");
		assertThat(statusOfText(phone, " 2 ")).isEqualTo("MENU_CHOICE");
		assertThat(messagesIn(anasThread)).doesNotContain(" 2 ", "2");
	}

	@Test
	void aNumberTheMenuDoesNotHoldSendsTheMenuAgain() throws Exception {
		UUID ana = child("Ana");
		String phone = aPhone();
		UUID parent = given.aGuardian("Rosa", "Diaz" + tag).ofStudent(ana).withEducationalRights()
			.reachableByEmail("rosa2." + tag + "@family.test").reachableByPhone(phone).id();
		given.theGuardian(parent).ofStudent(child("Omar")).withEducationalRights();
		UUID thread = conversations.start(teacherOf(ana, "Rivera"), ana, parent, "Ana did well today.", false);

		text(phone, "Thank you");
		await().atMost(Duration.ofSeconds(15)).until(() -> twilio.requestsTo(phone).size() == 1);
		assertThat(twilio.textsTo(phone).get(0).get("Body")).contains("1 for Tess Rivera" + tag + " (Ana)");
		text(phone, "7");
		await().atMost(Duration.ofSeconds(15)).until(() -> twilio.requestsTo(phone).size() == 2);
		assertThat(messagesIn(thread)).containsExactly("Ana did well today.");
		text(phone, "1");
		assertThat(messagesIn(thread)).containsExactly("Ana did well today.", "Thank you");
	}

	@Test
	void aTextFromANumberNobodyHasWaitsForTheOfficeAndGetsNoAnswer() throws Exception {
		String stranger = aPhone();
		text(stranger, "Who is this? My son is in 3rd grade");
		assertThat(statusOfText(stranger, "Who is this? My son is in 3rd grade")).isEqualTo("WAITING");
		assertThat(jdbc.sql("select count(*) from messaging.conversation_message where body = ?")
			.param("Who is this? My son is in 3rd grade").query(Integer.class).single()).isZero();
		Thread.sleep(500);
		assertThat(twilio.requestsTo(stranger)).isEmpty();
	}

	@Test
	void aNumberTwoGuardiansShareIsNeverGuessedAt() throws Exception {
		String shared = aPhone();
		UUID ana = child("Ana");
		UUID ben = child("Ben");
		UUID mother = given.aGuardian("Mara", "One" + tag).ofStudent(ana).withEducationalRights()
			.reachableByEmail("mara." + tag + "@family.test").reachableByPhone(shared).id();
		UUID uncle = given.aGuardian("Ugo", "Two" + tag).ofStudent(ben).withEducationalRights()
			.reachableByEmail("ugo." + tag + "@family.test").reachableByPhone(shared).id();
		UUID anasThread = conversations.start(teacherOf(ana, "Rivera"), ana, mother, "Ana did well.", false);
		UUID bensThread = conversations.start(teacherOf(ben, "Okafor"), ben, uncle, "Ben did well.", false);

		text(shared, "Thanks!");
		assertThat(statusOfText(shared, "Thanks!")).isEqualTo("WAITING");
		assertThat(messagesIn(anasThread)).containsExactly("Ana did well.");
		assertThat(messagesIn(bensThread)).containsExactly("Ben did well.");
		Thread.sleep(500);
		assertThat(twilio.requestsTo(shared)).as("no menu to a shared number").isEmpty();
	}

	@Test
	void keywordsNeverBecomeMessages() throws Exception {
		UUID ana = child("Ana");
		String phone = aPhone();
		UUID parent = given.aGuardian("Rosa", "Kw" + tag).ofStudent(ana).withEducationalRights()
			.reachableByEmail("kw." + tag + "@family.test").reachableByPhone(phone).id();
		UUID thread = conversations.start(teacherOf(ana, "Rivera"), ana, parent, "Ana did well today.", false);

		text(phone, "help");
		text(phone, "Stop");
		text(phone, "Got it, thanks");
		assertThat(messagesIn(thread)).containsExactly("Ana did well today.", "Got it, thanks");
		assertThat(statusOfText(phone, "help")).isEqualTo("KEYWORD");
	}

	@Test
	void aParentWithoutEMailWhoNeverChoseSmsStillGetsTheText() throws Exception {
		UUID ana = child("Ana");
		String phone = aPhone();
		UUID parent = given.aGuardian("Noor", "Phone" + tag).ofStudent(ana).withEducationalRights().reachableByPhone(phone)
			.speaking("ar").id();
		conversations.start(teacherOf(ana, "Rivera"), ana, parent, "Ana did well today.", false);
		await().atMost(Duration.ofSeconds(15)).until(() -> twilio.requestsTo(phone).size() == 1);
		assertThat(twilio.textsTo(phone).get(0).get("Body")).contains(": Ana did well today.")
			.endsWith("ردّ على هذه الرسالة للإجابة.");
	}

	@Test
	void aStaffMessageLongerThanThreeSegmentsGoesAsItsBeginningAndALink() throws Exception {
		UUID ana = child("Ana");
		String phone = aPhone();
		UUID parent = given.aGuardian("Noor", "Long" + tag).ofStudent(ana).withEducationalRights().reachableByPhone(phone)
			.id();
		String longMessage = "Field trip details. ".repeat(40).strip();
		conversations.start(teacherOf(ana, "Rivera"), ana, parent, longMessage, false);
		await().atMost(Duration.ofSeconds(15)).until(() -> twilio.requestsTo(phone).size() == 1);
		String sent = twilio.textsTo(phone).get(0).get("Body");
		assertThat(sent).contains("/t/").doesNotContain(longMessage);
		assertThat(sent.length()).isLessThanOrEqualTo(3 * 153);
	}

	private UUID child(String name) {
		UUID student = given.aStudent(name, "Kid" + tag).inGrade("03").enrolledAt(school, today.minusMonths(2)).id();
		return student;
	}

	private Viewer teacherOf(UUID student, String familyName) {
		String email = familyName.toLowerCase() + "." + UUID.randomUUID() + "@district.test";
		UUID teacher = given.staff("Tess", familyName + tag, email);
		given.assign(teacher, school, "TEACHER");
		UUID section = given.aSection("Room " + familyName + " " + tag).at(school).id();
		given.enrolInSection(section, student, today.minusMonths(2), null);
		given.teach(section, teacher);
		return Viewer.staff(teacher).named(email);
	}

}
