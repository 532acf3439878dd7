package org.homeroom.messaging.conversations;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.homeroom.directory.ConversationParties;
import org.homeroom.directory.DistrictClock;
import org.homeroom.messaging.MessagingSettings;
import org.homeroom.platform.OutgoingMail;
import org.homeroom.platform.UserProfiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily digest: from {@code homeroom.messaging.conversations.digest-at} in the district's
 * time zone, each member of staff with threads waiting for their answer (their own, and those to
 * an office they answer for) gets one e-mail a day saying how many, with a link to the list. It
 * names no student, so that a mailbox holds nothing of a student's record; the list it links to
 * applies the access policy and the access log. A recurring db-scheduler task, so that one node of
 * a cluster sends it; the {@code conversation_digest} row makes it once a day per person.
 */
@Component
class ConversationDigest {

	static final String TASK = "messaging-conversation-digest";

	private static final Logger log = LoggerFactory.getLogger(ConversationDigest.class);

	private final JdbcClient jdbc;

	private final DistrictClock clock;

	private final ConversationParties parties;

	private final OutgoingMail mail;

	private final UserProfiles profiles;

	private final MessageSource words;

	private final MessagingSettings messaging;

	private final ConversationSettings settings;

	ConversationDigest(JdbcClient jdbc, DistrictClock clock, ConversationParties parties, OutgoingMail mail,
			UserProfiles profiles, MessageSource words, MessagingSettings messaging, ConversationSettings settings) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.parties = parties;
		this.mail = mail;
		this.profiles = profiles;
		this.words = words;
		this.messaging = messaging;
		this.settings = settings;
	}

	@Bean
	RecurringTask<Void> conversationDigestTask() {
		return Tasks.recurring(TASK, FixedDelay.ofMinutes(15)).execute((instance, context) -> sendDue());
	}

	/** Sends today's digests not sent yet, once the hour has come; returns how many were sent. */
	@Transactional
	int sendDue() {
		LocalTime now = LocalTime.ofInstant(clock.now(), clock.zone());
		if (now.isBefore(settings.digestAt())) {
			return 0;
		}
		LocalDate today = clock.today();
		Map<UUID, Long> waiting = new HashMap<>();
		jdbc.sql("""
				select staff_id, count(*) from messaging.conversation
				where addressed_to = 'STAFF' and status = 'OPEN' and last_author_side = 'GUARDIAN' group by staff_id""")
			.query((rs, row) -> Map.entry(rs.getObject(1, UUID.class), rs.getLong(2))).list()
			.forEach(entry -> waiting.merge(entry.getKey(), entry.getValue(), Long::sum));
		jdbc.sql("""
				select school_id, count(*) from messaging.conversation
				where addressed_to = 'OFFICE' and status = 'OPEN' and last_author_side = 'GUARDIAN' group by school_id""")
			.query((rs, row) -> Map.entry(rs.getObject(1, UUID.class), rs.getLong(2))).list()
			.forEach(office -> parties.staffAt(office.getKey(), ConversationParties.OFFICE_ROLES)
				.forEach(staff -> waiting.merge(staff.id(), office.getValue(), Long::sum)));
		int sent = 0;
		for (Map.Entry<UUID, Long> entry : waiting.entrySet()) {
			boolean first = jdbc.sql("""
					insert into messaging.conversation_digest (staff_id, sent_on) values (?, ?) on conflict do nothing""")
				.params(entry.getKey(), today).update() == 1;
			if (first && digest(entry.getKey(), entry.getValue())) {
				sent++;
			}
		}
		if (sent > 0) {
			log.info("Sent {} digests of unanswered conversations", sent);
		}
		return sent;
	}

	private boolean digest(UUID staffId, long count) {
		Optional<String> email = parties.staffEmail(staffId);
		if (email.isEmpty()) {
			return false;
		}
		Locale locale = profiles.find(email.get()).map(profile -> Locale.forLanguageTag(profile.language().value()))
			.orElse(Locale.ENGLISH);
		String link = messaging.publicUrl() + ConversationPageController.PATH + "?unanswered=true";
		mail.send(email.get(), words.getMessage("conversations.digest.subject", new Object[] { count }, locale),
				words.getMessage("conversations.digest.body", new Object[] { count, link }, locale));
		return true;
	}
}
