package org.homeroom.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.homeroom.ServerTest;
import org.homeroom.browser.Browser.Language;
import org.homeroom.browser.Browser.Screen;
import org.homeroom.directory.Viewer;
import org.homeroom.messaging.conversations.Conversations;
import org.homeroom.messaging.conversations.Recipient;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo teacher opens a thread in which a parent on record as preferring English has written
 * three times in Vietnamese, and reads the suggestion to update the parent's language, with a link
 * to the parent's page, in her language (Spanish), on a desktop and on a phone.
 */
@ServerTest
class ReplyLanguageBrowserTests {

	private static final String TEACHER = "teacher@demo.homeroom.test";

	private static final String DEMO_PASSWORD = "homeroom-demo";

	@RegisterExtension
	static final Browsers BROWSERS = new Browsers("reply-language-");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Conversations conversations;

	@ParameterizedTest(name = "teacher on {0}")
	@EnumSource(Screen.class)
	void theTeacherIsAskedToUpdateTheLanguageOfAParentWhoWritesInVietnamese(Screen screen) {
		// The demo teacher reads Homeroom in Spanish, her account's language.
		Language language = Language.SPANISH;
		Map<String, Object> family = anEnglishPreferringParentOfHerStudent();
		UUID guardian = (UUID) family.get("guardian_id");
		UUID staff = jdbc.sql("select id from directory.staff where email = ?").param(TEACHER).query(UUID.class).single();
		UUID thread = conversations.startFromFamily(Viewer.guardian(guardian).named("guardian:" + guardian),
				(UUID) family.get("student_id"), Recipient.TEACHER, staff, "Chào cô, cháu bị ốm nên hôm nay không đi học được.");
		try {
			for (String reply : List.of("Tôi có thể gặp cô vào chiều thứ Năm không?",
					"Cảm ơn cô đã báo cho tôi biết, con sẽ mang giấy vào ngày mai.")) {
				conversations.postFromGuardian(guardian, thread, reply);
			}
			await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("""
					select count(*) from messaging.conversation_message where conversation_id = ? and reply_language = 'vi'""")
				.param(thread).query(Long.class).single() == 3);

			Browser teacher = BROWSERS.open(language, screen);
			teacher.open("/sign-in?lang=" + language.tag);
			teacher.signInAs(TEACHER, DEMO_PASSWORD);
			teacher.open("/conversations/" + thread);
			teacher.checkPage("thread", teacher.message("conversations.thread.title", family.get("student_name")));
			String notice = teacher.driver().findElement(By.cssSelector(".alert--warning")).getText();
			assertThat(notice).contains(family.get("guardian_name").toString())
				.contains("vietnamita").contains("inglés").contains(teacher.message("conversations.language.update"));
			teacher.driver().findElement(By.cssSelector(".alert--warning a")).click();
			teacher.waitForPathEnding("/guardians/" + guardian, "the suggestion leads to the parent's page");
		}
		finally {
			jdbc.sql("delete from messaging.conversation where id = ?").param(thread).update();
		}
	}

	/** A demo student the teacher teaches today, with a guardian on record as preferring English whom she may write to. */
	private Map<String, Object> anEnglishPreferringParentOfHerStudent() {
		return jdbc.sql("""
				select s.id as student_id, s.given_name || ' ' || s.family_name as student_name, g.id as guardian_id,
				       g.given_name || ' ' || g.family_name as guardian_name
				from directory.staff st
				join directory.section_teacher t on t.staff_id = st.id
				join directory.section_enrolment se on se.section_id = t.section_id and se.starts_on <= current_date
				     and (se.ends_on is null or se.ends_on >= current_date)
				join directory.student s on s.id = se.student_id and s.active
				join directory.guardianship gs on gs.student_id = s.id and gs.educational_rights
				join directory.guardian g on g.id = gs.guardian_id and g.active and g.preferred_language = 'en'
				where st.email = ?
				  and not exists (select 1 from directory.restriction r where r.guardian_id = g.id and r.lifted_at is null)
				order by s.family_name, s.given_name, g.id limit 1""")
			.param(TEACHER).query().singleRow();
	}
}
