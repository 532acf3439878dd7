package org.homeroom.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.homeroom.ServerTest;
import org.homeroom.browser.Browser.Language;
import org.homeroom.browser.Browser.Screen;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A conversation as its two people live it: the demo teacher opens one of her students, chooses
 * "Message the family" and writes to a Spanish-speaking parent; the parent signs in with a code on
 * her phone, finds the message with the teacher's name and role, and answers; the answer appears
 * on the teacher's open thread page without a reload.
 */
@ServerTest
class ConversationBrowserTests {

	private static final String TEACHER = "teacher@demo.homeroom.test";

	private static final String DEMO_PASSWORD = "homeroom-demo";

	@RegisterExtension
	static final Browsers BROWSERS = new Browsers("conversation-");

	@Autowired
	JdbcClient jdbc;

	@ParameterizedTest(name = "parent on {0}")
	@EnumSource(Screen.class)
	void theDemoTeacherMessagesAFamilyAndASpanishSpeakingParentAnswersFromHerPhone(Screen screen) {
		Language spanish = Language.SPANISH;
		Map<String, Object> family = aSpanishSpeakingFamilyOfHerStudent();
		String studentId = family.get("student_id").toString();
		String guardianId = family.get("guardian_id").toString();
		String email = (String) family.get("email");
		String studentName = (String) family.get("student_name");

		Browser teacher = BROWSERS.open(spanish, Screen.DESKTOP);
		teacher.open("/sign-in?lang=" + spanish.tag);
		teacher.signInAs(TEACHER, DEMO_PASSWORD);
		teacher.open("/students/" + studentId);
		teacher.driver().findElement(By.cssSelector("a[href$='/students/" + studentId + "/message']")).click();
		teacher.waitForPathEnding("/message", "the button leads to the message form");
		teacher.checkPage("teacher-start", teacher.message("conversations.start.title", studentName));
		teacher.driver().findElement(By.cssSelector("input[name=guardianId][value='" + guardianId + "']")).click();
		String words = "Hola, Marta trabajó muy bien hoy " + UUID.randomUUID().toString().substring(0, 6);
		teacher.driver().findElement(By.id("body")).sendKeys(words);
		teacher.driver().findElement(By.cssSelector("form[action$='/message'] button[type=submit]")).click();
		teacher.waitForUrlMatching(".*/conversations/[0-9a-f-]{36}$", "sending opens the thread");
		String threadUrl = teacher.driver().getCurrentUrl();
		String thread = threadUrl.substring(threadUrl.lastIndexOf('/') + 1);
		teacher.checkPage("teacher-thread", teacher.message("conversations.thread.title", studentName));
		assertThat(teacher.liveText(By.id("thread-messages"))).contains(words)
			.contains(teacher.message("conversations.delivered"));

		Browser parent = BROWSERS.open(spanish, screen);
		try {
			parent.signInFamilyWithACode(email, "es");
			// The parent was told by e-mail too, in Spanish, with the teacher's words and a link to the thread.
			parent.open("/dev/outbox?to=" + email);
			assertThat(parent.driver().findElement(By.id("outbox-messages")).getText()).contains(words)
				.contains("/family/conversations/" + thread);
			parent.open("/family/conversations");
			parent.checkPage("parent-list", parent.message("conversations.family.title"));
			parent.driver().findElement(By.cssSelector("a[href$='/family/conversations/" + thread + "']")).click();
			parent.waitForPathEnding(thread, "the conversation opens");
			parent.checkPage("parent-thread", parent.message("conversations.thread.title", studentName));
			String shown = parent.liveText(By.id("thread-messages"));
			assertThat(shown).contains(words).contains("Lucía Herrera");
			String answer = "Gracias, maestra. Hablaremos en casa " + UUID.randomUUID().toString().substring(0, 6);
			parent.driver().findElement(By.id("body")).sendKeys(answer);
			parent.driver().findElement(By.cssSelector("form[action$='/family/conversations/" + thread + "'] button[type=submit]"))
				.click();
			parent.waitForPathEnding(thread, "the answer comes back to the thread");
			assertThat(parent.waitFor(By.cssSelector(".alert--success")).getText())
				.isEqualTo(parent.message("conversations.sent"));
			parent.checkPage("parent-answered", parent.message("conversations.thread.title", studentName));

			new WebDriverWait(teacher.driver(), Duration.ofSeconds(15))
				.withMessage("the family's answer appears on the teacher's open page without a reload")
				.until(driver -> driver.findElement(By.id("thread-messages")).getText().contains(answer));
			assertThat(teacher.driver().getCurrentUrl()).isEqualTo(threadUrl);
			// Her own message now shows that the family read it.
			assertThat(teacher.liveText(By.id("thread-messages")))
				.contains(teacher.message("conversations.read", "").strip());
		}
		finally {
			jdbc.sql("delete from accounts.family_link where guardian_id = ?::uuid").param(guardianId).update();
		}
	}

	/**
	 * A demo student the teacher teaches today with a Spanish-speaking guardian who holds
	 * educational rights, is under no restriction, and alone uses their e-mail address.
	 */
	private Map<String, Object> aSpanishSpeakingFamilyOfHerStudent() {
		return jdbc.sql("""
				select s.id as student_id, s.given_name || ' ' || s.family_name as student_name, g.id as guardian_id,
				       c.value as email
				from directory.staff st
				join directory.section_teacher t on t.staff_id = st.id
				join directory.section_enrolment se on se.section_id = t.section_id and se.starts_on <= current_date
				     and (se.ends_on is null or se.ends_on >= current_date)
				join directory.student s on s.id = se.student_id and s.active
				join directory.guardianship gs on gs.student_id = s.id and gs.educational_rights
				join directory.guardian g on g.id = gs.guardian_id and g.active and g.preferred_language = 'es'
				join directory.contact_point c on c.guardian_id = g.id and c.kind = 'EMAIL' and c.valid and c.verified
				where st.email = ?
				  and not exists (select 1 from directory.restriction r where r.guardian_id = g.id and r.lifted_at is null)
				  and not exists (select 1 from directory.contact_point other where other.value = c.value and other.guardian_id <> g.id)
				order by s.family_name, s.given_name, c.value limit 1""")
			.param(TEACHER).query().singleRow();
	}
}
