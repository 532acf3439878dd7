package org.homeroom.messaging.textreplies;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import org.homeroom.IntegrationTest;
import org.homeroom.directory.DistrictClock;
import org.homeroom.messaging.sms.LoopbackTwilio;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Homeroom with SMS through a loopback Twilio and e-mail through a loopback mail server, shared by
 * the tests of conversations by SMS (one application context for all of them). The servers live as
 * long as the test JVM, as the cached context that points at them does. There are no default office
 * hours, so that staff who set none are always "in" and no automatic answer joins the texts a test
 * counts, whatever the hour it runs at; a test of automatic answers sets the hours it needs.
 */
@IntegrationTest(properties = { "homeroom.mail.host=127.0.0.1",
		"homeroom.mail.from=Riverside Schools <homeroom@riverside.example>", "homeroom.messaging.office-hours.default=" })
abstract class TextsAtLoopbackTwilio {

	static final String SID = "AC" + "fedcba9876543210".repeat(2);

	static final String TOKEN = "story-auth-token";

	static final String WEBHOOK = "/webhooks/sms/twilio";

	static final LoopbackTwilio twilio = LoopbackTwilio.start(SID, TOKEN);

	private static final java.util.concurrent.atomic.AtomicLong inboundSids = new java.util.concurrent.atomic.AtomicLong();

	static final int SMTP_PORT = freePort();

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
		.withPerMethodLifecycle(false);

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(twilio::stop));
	}

	@DynamicPropertySource
	static void loopbackServers(DynamicPropertyRegistry registry) {
		twilio.configure(registry);
		registry.add("homeroom.mail.port", () -> SMTP_PORT);
		registry.add("spring.mail.port", () -> SMTP_PORT);
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DistrictClock clock;

	/** What people wrote in the thread; automatic answers outside office hours come and go with the clock. */
	List<String> messagesIn(UUID thread) {
		return jdbc.sql("""
				select body from messaging.conversation_message where conversation_id = ? and author_side <> 'SYSTEM'
				order by created_at""")
			.param(thread).query(String.class).list();
	}

	String statusOfText(String from, String body) {
		return jdbc.sql("select status from messaging.sms_inbound where from_number = ? and body = ?").params(from, body)
			.query(String.class).single();
	}

	static String aPhone() {
		return "+1555" + (2_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(7_000_000));
	}

	RequestPostProcessor family(UUID guardian) {
		UUID account = UUID.randomUUID();
		jdbc.sql("insert into accounts.account (id, username, display_name, created_at) values (?, ?, 'Family', now())")
			.params(account, "family:" + account).update();
		jdbc.sql("insert into accounts.family_link (account_id, guardian_id, linked_at) values (?, ?, now())")
			.params(account, guardian).update();
		return user("family:" + account).roles("FAMILY");
	}

	/** The family texts Homeroom from the number, through the webhook, signed as Twilio signs it. */
	MockHttpServletResponse text(String from, String body) throws Exception {
		Map<String, String> form = inbound(from, body);
		return webhook(form, twilio.signature(WEBHOOK, form));
	}

	/** The form Twilio posts for a text from the number to the district's, with a fresh message sid. */
	static Map<String, String> inbound(String from, String body) {
		String sid = "SM" + "%032x".formatted(System.nanoTime() + inboundSids.incrementAndGet());
		Map<String, String> form = new LinkedHashMap<>();
		form.put("MessageSid", sid);
		form.put("SmsSid", sid);
		form.put("AccountSid", SID);
		form.put("From", from);
		form.put("To", LoopbackTwilio.FROM);
		form.put("Body", body);
		form.put("NumMedia", "0");
		return form;
	}

	/** Posts the form to the webhook with the signature header, or with none when it is null. */
	MockHttpServletResponse webhook(Map<String, String> form, String signature) throws Exception {
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(WEBHOOK)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED);
		form.forEach(request::param);
		if (signature != null) {
			request.header("X-Twilio-Signature", signature);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
