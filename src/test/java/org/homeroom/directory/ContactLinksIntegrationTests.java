package org.homeroom.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.homeroom.IntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * On the student's and the guardian's page a phone number is a {@code tel:} link and an e-mail
 * address a {@code mailto:} link, so that staff call or write with one tap; a number that does not
 * parse is shown, flagged, but not offered as a call.
 */
@IntegrationTest
class ContactLinksIntegrationTests {

	private static final RequestPostProcessor ADMIN = user("contact.links.admin@district.test").roles("DISTRICT_ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DistrictClock clock;

	@Test
	void phoneNumbersAndEmailAddressesAreLinksOnTheStudentAndGuardianPages() throws Exception {
		Districts given = Districts.in(jdbc);
		String run = UUID.randomUUID().toString().substring(0, 8);
		UUID school = given.school("Lincoln " + run);
		UUID maya = given.aStudent("Maya").inGrade("05").enrolledAt(school, clock.today().minusMonths(1)).id();
		String email = "rosa." + run + "@family.example";
		UUID rosa = given.aGuardian("Rosa").ofStudent(maya).withEducationalRights().reachableByEmail(email)
			.reachableByPhone("+15550100123").withUnusablePhone("call the neighbour").id();

		for (String path : new String[] { "/students/" + maya, "/guardians/" + rosa }) {
			Document page = Jsoup.parse(mvc.perform(get(path).with(ADMIN)).andExpect(status().isOk()).andReturn()
				.getResponse().getContentAsString());
			assertThat(page.select("a[href^=mailto:]").eachAttr("href")).as(path).containsExactly("mailto:" + email);
			assertThat(page.select("a[href^=tel:]").eachAttr("href")).as(path).containsExactly("tel:+15550100123");
			assertThat(page.select(".definition").text()).as(path).contains("call the neighbour");
		}
	}
}
