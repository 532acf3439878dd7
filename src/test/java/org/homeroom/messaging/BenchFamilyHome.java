package org.homeroom.messaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.homeroom.BenchApplication;
import org.homeroom.accounts.tokens.ApiTokens;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fills a generated district for {@code bench/family-home.sh}: {@code bench.messages} district
 * announcements (50), each delivered in-app to every guardian (set-based, one statement per
 * announcement and table), family accounts for {@code bench.token-families} guardians (2,000) with
 * one real API token each, issued through {@link ApiTokens} and written one a line to
 * {@code bench.tokens-file}, and the e-mail addresses of {@code bench.session-families} other
 * guardians (20), each the only guardian with that address, written to {@code bench.contacts-file}
 * for the script's sign-ins through the family sign-in page. A test source, so that no property can
 * make the production jar invent messages or tokens.
 */
class BenchFamilyHome implements ApplicationRunner {

	public static void main(String[] args) {
		BenchApplication.run(BenchFamilyHome.class, args);
	}

	private final JdbcClient jdbc;

	private final ApiTokens tokens;

	private final ConfigurableApplicationContext context;

	private final Environment environment;

	BenchFamilyHome(JdbcClient jdbc, ApiTokens tokens, ConfigurableApplicationContext context, Environment environment) {
		this.jdbc = jdbc;
		this.tokens = tokens;
		this.context = context;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		int messages = environment.getProperty("bench.messages", Integer.class, 50);
		int tokenFamilies = environment.getProperty("bench.token-families", Integer.class, 2000);
		int sessionFamilies = environment.getProperty("bench.session-families", Integer.class, 20);
		Path tokensFile = Path.of(environment.getRequiredProperty("bench.tokens-file"));
		Path contactsFile = Path.of(environment.getRequiredProperty("bench.contacts-file"));
		jdbc.sql("analyze").update();

		long started = System.nanoTime();
		long deliveries = 0;
		for (int i = 0; i < messages; i++) {
			deliveries += announce(i, messages);
		}
		jdbc.sql("analyze messaging.delivery").update();
		jdbc.sql("analyze messaging.recipient").update();
		System.out.printf("messages: announcements=%d in_app_deliveries=%d seconds=%.1f%n", messages, deliveries,
				(System.nanoTime() - started) / 1e9);

		started = System.nanoTime();
		List<String> secrets = new ArrayList<>();
		for (UUID guardian : jdbc.sql("""
				select gu.id from directory.guardian gu where gu.active
				and not exists (select 1 from accounts.family_link l where l.guardian_id = gu.id)
				order by md5(gu.id::text) limit ?""").param(tokenFamilies).query(UUID.class).list()) {
			secrets.add(tokens.issue(familyAccount(guardian), "Bench phone", 30).secret());
		}
		Files.write(tokensFile, secrets);
		System.out.printf("tokens: families=%d (one token each, through ApiTokens) seconds=%.1f%n", secrets.size(),
				(System.nanoTime() - started) / 1e9);

		// Addresses that belong to one guardian only, so that the sign-in never asks which guardian is signing in.
		List<String> contacts = jdbc.sql("""
				select c.value from directory.contact_point c
				join directory.guardian gu on gu.id = c.guardian_id and gu.active
				where c.kind = 'EMAIL' and c.valid and c.verified
				  and not exists (select 1 from accounts.family_link l where l.guardian_id = gu.id)
				group by c.value having count(distinct c.guardian_id) = 1
				order by md5(c.value) limit ?""").param(sessionFamilies).query(String.class).list();
		Files.write(contactsFile, contacts);
		System.out.printf("sign-in contacts: %d%n", contacts.size());
		System.exit(SpringApplication.exit(context, () -> 0));
	}

	/** One district announcement, released an hour apart from the others, in every guardian's inbox. */
	private long announce(int index, int count) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into messaging.announcement (id, author, author_roles, subject, body, category, channels, audience, status,
				                                    scheduled_at, released_at, created_at)
				values (:id, 'bench@riverside.example', array['DISTRICT_ADMIN'], :subject, :body, :category, array['IN_APP'],
				        cast('{"district":true}' as jsonb), 'RELEASED', :at, :at, :at)""")
			.param("id", id)
			.param("subject", "District news " + (index + 1) + " for {school}")
			.param("body", "Dear {guardianName},\n\nThis is message " + (index + 1)
					+ " about {childName}: the school calendar, the bus routes and the lunch menu for next week.\n\nThe district office")
			.param("category", index % 10 == 0 ? "URGENT" : "GENERAL")
			.param("at", java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(3600L * (count - index))))
			.update();
		jdbc.sql("""
				insert into messaging.recipient (announcement_id, guardian_id, student_id, guardian_name, student_name, school_name, language)
				select :id, gu.id, s.id, gu.given_name || ' ' || gu.family_name, s.given_name || ' ' || s.family_name, null,
				       gu.preferred_language
				from directory.guardian gu join directory.guardianship g on g.guardian_id = gu.id
				join directory.student s on s.id = g.student_id and s.active where gu.active""")
			.param("id", id).update();
		// Most families have read the older messages; the newest few are unread.
		return jdbc.sql("""
				insert into messaging.delivery (id, announcement_id, guardian_id, channel, language, guardian_name, child_names,
				                                school_names, status, next_attempt_at, sent_at, read_at)
				select gen_random_uuid(), :id, r.guardian_id, 'IN_APP', min(r.language), min(r.guardian_name),
				       string_agg(split_part(r.student_name, ' ', 1), ', ' order by r.student_name), 'Riverside schools',
				       'SENT', a.released_at, a.released_at, case when :read then a.released_at end
				from messaging.recipient r join messaging.announcement a on a.id = r.announcement_id
				where r.announcement_id = :id group by r.guardian_id, a.released_at""")
			.param("id", id).param("read", index < count - 5).update();
	}

	/** A family account linked to one guardian, as the first sign-in makes it. */
	private String familyAccount(UUID guardian) {
		UUID account = UUID.randomUUID();
		String username = "family:" + account;
		jdbc.sql("""
				insert into accounts.account (id, username, display_name, preferred_language, created_at)
				select :account, :username, given_name || ' ' || family_name, preferred_language, now()
				from directory.guardian where id = :guardian""")
			.param("account", account).param("username", username).param("guardian", guardian).update();
		jdbc.sql("insert into accounts.role_grant (account_id, role) values (?, 'FAMILY')").params(account).update();
		jdbc.sql("insert into accounts.family_link (account_id, guardian_id, linked_at) values (?, ?, now())")
			.params(account, guardian).update();
		return username;
	}
}
