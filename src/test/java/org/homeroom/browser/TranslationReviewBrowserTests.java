package org.homeroom.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.homeroom.ServerTest;
import org.homeroom.browser.Browser.Language;
import org.homeroom.browser.Browser.Screen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The person "Translations to review" is for: the demo teacher, who reads Spanish and holds the
 * translator grant for Arabic, finds the entry with its count in the bar, opens the waiting Arabic translation beside its
 * English original, writes it right to left, corrects it and approves it; the approved text is kept
 * for the next identical message. And the district administrator who grants it: from Administration,
 * chooses the categories that wait, finds the teacher, grants her Arabic, and removes the grant after
 * confirming.
 */
@ServerTest
class TranslationReviewBrowserTests {

	private static final String TEACHER = "teacher@demo.homeroom.test";

	private static final String DISTRICT_ADMIN = "admin@demo.homeroom.test";

	private static final String DEMO_PASSWORD = "homeroom-demo";

	@RegisterExtension
	static final Browsers BROWSERS = new Browsers("translation-review-");

	@Autowired
	JdbcClient jdbc;

	private UUID staff() {
		return jdbc.sql("select id from directory.staff where email = ?").param(TEACHER).query(UUID.class).single();
	}

	@AfterEach
	void noGrant() {
		jdbc.sql("delete from translation.translator where staff_id = ?").param(staff()).update();
		jdbc.sql("delete from translation.review_request where language = 'ar'").update();
		// The categories are the district's: left chosen, every later test's announcement would wait.
		jdbc.sql("delete from translation.review_category").update();
	}

	@ParameterizedTest(name = "Spanish, her language, at {0}")
	@EnumSource(Screen.class)
	void theTeacherApprovesHerCorrectedArabicTranslation(Screen screen) {
		String run = UUID.randomUUID().toString().substring(0, 8);
		jdbc.sql("insert into translation.translator (staff_id, language, granted_by, granted_at) values (?, 'ar', 'test', now())")
			.param(staff()).update();
		UUID request = UUID.randomUUID();
		jdbc.sql("""
				insert into translation.review_request (id, source_hash, source_language, language, source_texts, machine_texts, engine,
				                                        requested_at)
				values (?, md5(?) || md5(?), 'en', 'ar', array[?, 'Dear {guardianName}, the school will close at noon tomorrow.'],
				        array[?, 'عزيزي/عزيزتي {guardianName}، ستغلق المدرسة ظهر الغد.'], 'libretranslate', now())""")
			.params(request, run, run, "School closes early " + run, "تغلق المدرسة مبكرًا " + run).update();

		Language language = Language.SPANISH;
		Browser teacher = BROWSERS.open(language, screen);
		teacher.open("/sign-in?lang=" + language.tag);
		teacher.signInAs(TEACHER, DEMO_PASSWORD);
		teacher.open("/translations/review?lang=" + language.tag);
		WebElement entry = teacher.driver().findElement(By.cssSelector("nav.site-nav a[href$='/translations/review']"));
		assertThat(entry.getAttribute("textContent")).as("the entry, with the number waiting")
			.startsWith(teacher.message("translation.review.nav") + "1");
		teacher.checkPage("list", teacher.message("translation.review.title"));
		teacher.driver().findElement(By.cssSelector("main a[href$='/translations/review/" + request + "']")).click();
		teacher.waitForPathEnding("/translations/review/" + request, "the request opens its form");
		WebElement body = teacher.driver().findElement(By.id("body"));
		assertThat(body.getAttribute("dir")).as("Arabic is written right to left").isEqualTo("rtl");
		assertThat(teacher.driver().findElement(By.cssSelector(".review-original__subject[lang=en]")).getText()).contains("School closes early " + run);
		teacher.checkPage("form", teacher.message("translation.review.one.title", "Árabe"));

		body.clear();
		body.sendKeys("عزيزي/عزيزتي {guardianName}، ستُغلق المدرسة عند الظهر غدًا.");
		teacher.driver().findElement(By.cssSelector("main form.form button[type=submit]")).click();
		teacher.waitForPathEnding("/translations/review", "approving leads back to the list");
		assertThat(teacher.driver().findElement(By.cssSelector(".alert--success")).getText())
			.isEqualTo(teacher.message("translation.review.approved", "Árabe"));
		teacher.checkPage("approved", teacher.message("translation.review.title"));
		assertThat(jdbc.sql("select texts[2] from translation.reviewed_text where language = 'ar' and reviewed_by = ? and texts[1] like ?")
			.params(staff(), "%" + run).query(String.class).single()).isEqualTo("عزيزي/عزيزتي {guardianName}، ستُغلق المدرسة عند الظهر غدًا.");
	}

	@ParameterizedTest(name = "English at {0}")
	@EnumSource(Screen.class)
	void theDistrictAdministratorGrantsTheTeacherArabicAndRemovesItAfterConfirming(Screen screen) {
		Language language = Language.ENGLISH;
		Browser admin = BROWSERS.open(language, screen);
		admin.open("/sign-in?lang=" + language.tag);
		admin.signInAs(DISTRICT_ADMIN, DEMO_PASSWORD);
		admin.open("/admin?lang=" + language.tag);
		admin.driver().findElement(By.cssSelector("main a[href$='/admin/translation/reviewers']")).click();
		admin.waitForPathEnding("/admin/translation/reviewers", "Administration leads to the reviewers");
		admin.checkPage("reviewers", admin.message("translation.reviewers.title"));

		admin.driver().findElement(By.id("category-GENERAL")).click();
		admin.driver().findElement(By.cssSelector("form[action$='/categories'] button[type=submit]")).click();
		admin.waitForPathEnding("/admin/translation/reviewers", "saving the categories leads back");
		assertThat(jdbc.sql("select string_agg(category, ',') from translation.review_category").query(String.class).single())
			.isEqualTo("GENERAL");

		admin.driver().findElement(By.cssSelector("main a[href$='/admin/translation/reviewers/add']")).click();
		admin.waitForPathEnding("/admin/translation/reviewers/add", "Add a reviewer leads to the search");
		admin.driver().findElement(By.id("q")).sendKeys(TEACHER);
		admin.driver().findElement(By.cssSelector("form[role=search] button[type=submit]")).click();
		WebElement language0 = admin.waitFor(By.cssSelector("#staff-found select"));
		admin.checkPage("add", admin.message("translation.reviewers.add"));
		new Select(language0).selectByValue("ar");
		admin.driver().findElement(By.cssSelector("#staff-found button[type=submit]")).click();
		admin.waitForPathEnding("/admin/translation/reviewers", "granting leads back to the reviewers");
		assertThat(admin.driver().findElement(By.cssSelector("#grants tr[data-language=ar]")).getText()).contains(TEACHER);

		admin.driver().findElement(By.cssSelector("#grants tr[data-language=ar] a[href$='/ar/remove']")).click();
		admin.checkPage("remove", admin.message("translation.reviewers.remove.title"));
		admin.driver().findElement(By.cssSelector("main form button[type=submit]")).click();
		admin.waitForPathEnding("/admin/translation/reviewers", "removing leads back to the reviewers");
		assertThat(jdbc.sql("select count(*) from translation.translator where staff_id = ?").param(staff()).query(Long.class).single())
			.isZero();
	}
}
