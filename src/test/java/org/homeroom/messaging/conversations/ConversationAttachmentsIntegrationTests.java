package org.homeroom.messaging.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.homeroom.IntegrationTest;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Districts;
import org.homeroom.messaging.attachments.AttachmentRules;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Files in conversations: a family attaches a PDF from the thread page, the teacher downloads it;
 * nobody outside the thread can, not even with the file's id at their own thread's address; a
 * refused file stores neither it nor the message; the API takes files as multipart and still JSON.
 * A thread's first message carries files too, from either side's start page, with the same rules:
 * a refused file is a 400 naming {@code attachments}, and no thread is created without its message.
 */
@IntegrationTest
class ConversationAttachmentsIntegrationTests {

	static final byte[] PDF = "%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

	static final byte[] PROGRAM = "MZ\u0090\u0000 this program cannot be run in DOS mode".getBytes(StandardCharsets.ISO_8859_1);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DistrictClock clock;

	String tag;

	UUID maria;

	UUID mother;

	UUID thread;

	UUID otherThread;

	UUID rivera;

	RequestPostProcessor teacher;

	RequestPostProcessor motherAccount;

	RequestPostProcessor otherFamily;

	@BeforeEach
	void aThreadBetweenMariasTeacherAndHerMother() throws Exception {
		Districts given = Districts.in(jdbc);
		LocalDate today = clock.today();
		tag = UUID.randomUUID().toString().substring(0, 8);
		UUID school = given.school("Jefferson " + tag);
		maria = given.aStudent("Maria", "Lopez" + tag).inGrade("03").enrolledAt(school, today.minusMonths(2)).id();
		UUID section = given.aSection("Room 12 " + tag).at(school).id();
		given.enrolInSection(section, maria, today.minusMonths(2), null);
		mother = given.aGuardian("Elena", "Lopez" + tag).ofStudent(maria).withEducationalRights().id();
		String email = "rivera." + tag + "@district.test";
		rivera = given.staff("Ana", "Rivera" + tag, email);
		given.assign(rivera, school, "TEACHER");
		given.teach(section, rivera);
		teacher = user(email).roles("TEACHER");
		motherAccount = family(mother);
		UUID sam = given.aStudent("Sam", "Else" + tag).inGrade("03").enrolledAt(school, today.minusMonths(2)).id();
		given.enrolInSection(section, sam, today.minusMonths(2), null);
		UUID olga = given.aGuardian("Olga", "Else" + tag).ofStudent(sam).withEducationalRights().id();
		otherFamily = family(olga);
		thread = start(maria, mother);
		otherThread = start(sam, olga);
	}

	@Test
	void theMotherAttachesAPdfFromTheThreadPageAndTheTeacherDownloadsIt() throws Exception {
		mvc.perform(multipart("/family/conversations/{id}", thread).file(file("permiso.pdf", PDF)).param("body", "Firmado.")
			.with(motherAccount).with(csrf()))
			.andExpect(status().is3xxRedirection());
		UUID attachment = onlyAttachment(thread);

		mvc.perform(get("/conversations/{id}", thread).with(teacher)).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString(
					"/conversations/" + thread + "/attachments/" + attachment)))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("permiso.pdf")));
		mvc.perform(get("/conversations/{id}/attachments/{a}", thread, attachment).with(teacher))
			.andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/pdf"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(content().bytes(PDF));
		mvc.perform(get("/family/conversations/{id}/attachments/{a}", thread, attachment).with(motherAccount))
			.andExpect(status().isOk()).andExpect(content().bytes(PDF));
	}

	@Test
	void nobodyOutsideTheThreadGetsTheFileNotEvenThroughTheirOwnThread() throws Exception {
		mvc.perform(multipart("/api/v1/conversations/{id}/messages", thread).file(file("permiso.pdf", PDF))
			.param("body", "Signed.").with(motherAccount)).andExpect(status().isCreated());
		UUID attachment = onlyAttachment(thread);

		mvc.perform(get("/family/conversations/{id}/attachments/{a}", thread, attachment).with(otherFamily))
			.andExpect(status().isNotFound());
		mvc.perform(get("/family/conversations/{id}/attachments/{a}", otherThread, attachment).with(otherFamily))
			.andExpect(status().isNotFound());
		mvc.perform(get("/conversations/{id}/attachments/{a}", thread, attachment).with(motherAccount))
			.andExpect(status().isNotFound());
		mvc.perform(get("/conversations/{id}/attachments/{a}", thread, attachment)
			.with(user("someone." + tag + "@district.test").roles("TEACHER"))).andExpect(status().isNotFound());
	}

	@Test
	void aRenamedProgramIsRefusedNamingAttachmentsAndNeitherItNorTheMessageIsStored() throws Exception {
		int storedBefore = jdbc.sql("select count(*) from messaging.attachment").query(Integer.class).single();
		mvc.perform(multipart("/api/v1/conversations/{id}/messages", thread).file(file("tarea.pdf", PDF))
			.file(file("notas.pdf", PROGRAM)).param("body", "Two files").with(teacher))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("attachments"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("notas.pdf")));
		assertThat(messages(thread)).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from messaging.attachment").query(Integer.class).single())
			.as("the good file went with the bad one").isEqualTo(storedBefore);

		mvc.perform(multipart("/family/conversations/{id}", thread).file(file("notas.pdf", PROGRAM)).param("body", "Hola")
			.with(motherAccount).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("error",
					"attachments"));
		assertThat(messages(thread)).isEqualTo(1);
	}

	@Test
	void aFourthFileIsRefusedAndThreeImagesGoInOrder() throws Exception {
		byte[] png = png();
		mvc.perform(multipart("/api/v1/conversations/{id}/messages", thread).file(file("1.png", png)).file(file("2.png", png))
			.file(file("3.png", png)).file(file("4.png", png)).param("body", "Four").with(teacher))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("attachments"));
		mvc.perform(multipart("/api/v1/conversations/{id}/messages", thread).file(file("1.png", png)).file(file("2.pdf", PDF))
			.file(file("3.png", png)).param("body", "Three").with(teacher)).andExpect(status().isCreated());
		mvc.perform(get("/api/v1/conversations/{id}", thread).with(motherAccount))
			.andExpect(jsonPath("$.messages[1].attachments.length()").value(3))
			.andExpect(jsonPath("$.messages[1].attachments[1].fileName").value("2.pdf"))
			.andExpect(jsonPath("$.messages[1].attachments[2].contentType").value("image/png"));
		mvc.perform(post("/api/v1/conversations/{id}/messages", thread).with(teacher).contentType(MediaType.APPLICATION_JSON)
			.content("{\"body\": \"Plain JSON still works\"}")).andExpect(status().isCreated());
	}

	@Test
	void aRequestLargerThanThreeFilesCanBeIsRefusedBeforeItIsRead() throws Exception {
		byte[] huge = new byte[(int) AttachmentRules.MAX_REQUEST_BYTES + 1];
		mvc.perform(post("/api/v1/conversations/{id}/messages", thread).with(teacher)
			.contentType("multipart/form-data; boundary=x").content(huge))
			.andExpect(status().isPayloadTooLarge()).andExpect(jsonPath("$.errors[0].field").value("attachments"));
		assertThat(messages(thread)).isEqualTo(1);
	}

	@Test
	void theTeacherStartsAThreadWithAPdfAndTheMotherDownloadsIt() throws Exception {
		String location = mvc.perform(multipart("/students/{id}/message", maria).file(file("excursion.pdf", PDF))
			.param("guardianId", mother.toString()).param("body", "The form for Friday's trip.").with(teacher).with(csrf()))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		UUID started = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
		UUID attachment = onlyAttachment(started);

		mvc.perform(get("/family/conversations/{id}", started).with(motherAccount)).andExpect(status().isOk())
			.andExpect(content().string(containsString("/family/conversations/" + started + "/attachments/" + attachment)))
			.andExpect(content().string(containsString("excursion.pdf")));
		mvc.perform(get("/family/conversations/{id}/attachments/{a}", started, attachment).with(motherAccount))
			.andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/pdf"))
			.andExpect(content().bytes(PDF));
	}

	@Test
	void theMotherStartsAThreadWithAPdfAndTheTeacherDownloadsIt() throws Exception {
		String location = mvc.perform(multipart("/family/children/{id}/message", maria).file(file("receta.pdf", PDF))
			.param("to", "TEACHER:" + rivera).param("body", "La receta del médico.").with(motherAccount).with(csrf()))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		UUID started = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
		UUID attachment = onlyAttachment(started);

		mvc.perform(get("/conversations/{id}", started).with(teacher)).andExpect(status().isOk())
			.andExpect(content().string(containsString("/conversations/" + started + "/attachments/" + attachment)));
		mvc.perform(get("/conversations/{id}/attachments/{a}", started, attachment).with(teacher))
			.andExpect(status().isOk()).andExpect(content().bytes(PDF));
	}

	@Test
	void aRenamedProgramOnAStartPageIsA400NamingAttachmentsAndStartsNoThread() throws Exception {
		int threadsBefore = threadsAbout(maria);
		int storedBefore = storedAttachments();
		mvc.perform(multipart("/students/{id}/message", maria).file(file("tarea.pdf", PDF)).file(file("notas.pdf", PROGRAM))
			.param("guardianId", mother.toString()).param("body", "Kept when refused").with(teacher).with(csrf()))
			.andExpect(status().isBadRequest()).andExpect(model().attribute("error", "attachments"))
			.andExpect(content().string(containsString("notas.pdf")))
			.andExpect(content().string(matchesPattern("(?s).*<input id=\"attachments\"[^>]*aria-invalid=\"true\".*")))
			.andExpect(content().string(containsString("Kept when refused</textarea>")));
		mvc.perform(multipart("/family/children/{id}/message", maria).file(file("notas.pdf", PROGRAM))
			.param("to", "TEACHER:" + rivera).param("body", "Hola").with(motherAccount).with(csrf()))
			.andExpect(status().isBadRequest()).andExpect(model().attribute("error", "attachments"))
			.andExpect(content().string(containsString("notas.pdf")));

		assertThat(threadsAbout(maria)).as("no thread without its message").isEqualTo(threadsBefore);
		assertThat(storedAttachments()).as("the good file went with the bad one").isEqualTo(storedBefore);
	}

	@Test
	void fourFilesOnAStartPageAreRefusedOnEitherSide() throws Exception {
		byte[] png = png();
		int threadsBefore = threadsAbout(maria);
		mvc.perform(multipart("/students/{id}/message", maria).file(file("1.png", png)).file(file("2.png", png))
			.file(file("3.png", png)).file(file("4.png", png)).param("guardianId", mother.toString()).param("body", "Four")
			.with(teacher).with(csrf()))
			.andExpect(status().isBadRequest()).andExpect(model().attribute("error", "attachments"));
		mvc.perform(multipart("/family/children/{id}/message", maria).file(file("1.png", png)).file(file("2.png", png))
			.file(file("3.png", png)).file(file("4.png", png)).param("to", "OFFICE").param("body", "Cuatro")
			.with(motherAccount).with(csrf()))
			.andExpect(status().isBadRequest()).andExpect(model().attribute("error", "attachments"));
		assertThat(threadsAbout(maria)).isEqualTo(threadsBefore);
	}

	@Test
	void aStartPageUploadNeedsItsFormTokenAndALargerRequestThanThreeFilesIsRefusedUnread() throws Exception {
		int threadsBefore = threadsAbout(maria);
		mvc.perform(multipart("/family/children/{id}/message", maria).file(file("receta.pdf", PDF)).param("to", "OFFICE")
			.param("body", "Sin token").with(motherAccount)).andExpect(status().isForbidden());
		byte[] huge = new byte[(int) AttachmentRules.MAX_REQUEST_BYTES + 1];
		mvc.perform(post("/students/{id}/message", maria).with(teacher).with(csrf())
			.contentType("multipart/form-data; boundary=x").content(huge))
			.andExpect(status().isPayloadTooLarge()).andExpect(jsonPath("$.errors[0].field").value("attachments"));
		assertThat(threadsAbout(maria)).isEqualTo(threadsBefore);
	}

	private int threadsAbout(UUID student) {
		return jdbc.sql("select count(*) from messaging.conversation where student_id = ?").param(student).query(Integer.class)
			.single();
	}

	private int storedAttachments() {
		return jdbc.sql("select count(*) from messaging.attachment").query(Integer.class).single();
	}

	private UUID start(UUID student, UUID guardian) throws Exception {
		String response = mvc.perform(post("/api/v1/conversations").with(teacher).contentType(MediaType.APPLICATION_JSON)
			.content("{\"studentId\": \"%s\", \"guardianId\": \"%s\", \"body\": \"Hello\"}".formatted(student, guardian)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return UUID.fromString(response.replaceAll(".*\"id\"\\s*:\\s*\"([0-9a-f-]{36})\".*", "$1"));
	}

	private UUID onlyAttachment(UUID conversation) {
		return jdbc.sql("""
				select a.attachment_id from messaging.conversation_attachment a
				join messaging.conversation_message m on m.id = a.message_id where m.conversation_id = ?""")
			.param(conversation).query(UUID.class).single();
	}

	private int messages(UUID conversation) {
		return jdbc.sql("select count(*) from messaging.conversation_message where conversation_id = ? and author_side <> 'SYSTEM'")
			.param(conversation).query(Integer.class).single();
	}

	private static MockMultipartFile file(String name, byte[] content) {
		return new MockMultipartFile("attachments", name, "application/octet-stream", content);
	}

	private static byte[] png() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", out);
		return out.toByteArray();
	}

	private RequestPostProcessor family(UUID guardian) {
		UUID account = UUID.randomUUID();
		jdbc.sql("insert into accounts.account (id, username, display_name, created_at) values (?, ?, 'Family', now())")
			.params(account, "family:" + account).update();
		jdbc.sql("insert into accounts.family_link (account_id, guardian_id, linked_at) values (?, ?, now())")
			.params(account, guardian).update();
		return user("family:" + account).roles("FAMILY");
	}
}
