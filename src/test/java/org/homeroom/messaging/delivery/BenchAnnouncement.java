package org.homeroom.messaging.delivery;

import java.util.List;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.homeroom.BenchApplication;
import org.homeroom.directory.AudienceCriteria;
import org.homeroom.directory.Viewer;
import org.homeroom.messaging.AnnouncementRequest;
import org.homeroom.messaging.Announcements;
import org.homeroom.messaging.Category;
import org.homeroom.messaging.Channel;
import org.homeroom.platform.MailSettings;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The announcement benchmark ({@code bench/send-announcement.sh}), in two runs over a generated
 * district. {@code bench.phase=queue} (with the worker off) writes one district
 * announcement by in-app and e-mail and times it until every delivery is QUEUED, then the raw
 * {@code INSERT … SELECT} of the same rows into a plain table, the floor that queueing stands on.
 * {@code bench.phase=handoff} (with the worker on and a local SMTP server) counts what the delivery
 * worker hands off in a fixed window, stops it, and then counts what a trivial sender hands off in
 * the same window: the same rendered messages, one plain Transport connection. A test source, so
 * that no property can make the production jar drop a table or send a made-up announcement.
 */
class BenchAnnouncement implements ApplicationRunner {

	public static void main(String[] args) {
		BenchApplication.run(BenchAnnouncement.class, args);
	}

	private static final long WINDOW_NANOS = 60_000_000_000L;

	private final Announcements announcements;

	private final Releases releases;

	private final JdbcClient jdbc;

	private final DeliveryWorker worker;

	private final MessageRenderer renderer;

	private final MailSettings mail;

	private final ConfigurableApplicationContext context;

	private final Environment environment;

	BenchAnnouncement(Announcements announcements, Releases releases, JdbcClient jdbc, DeliveryWorker worker, MessageRenderer renderer,
			MailSettings mail, ConfigurableApplicationContext context, Environment environment) {
		this.announcements = announcements;
		this.releases = releases;
		this.jdbc = jdbc;
		this.worker = worker;
		this.renderer = renderer;
		this.mail = mail;
		this.context = context;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		String phase = environment.getRequiredProperty("bench.phase");
		if (phase.equals("queue")) {
			queue();
		}
		else if (phase.equals("handoff")) {
			handoff();
		}
		else {
			throw new IllegalArgumentException("bench.phase is queue or handoff, not " + phase);
		}
		System.exit(SpringApplication.exit(context, () -> 0));
	}

	private void queue() {
		// Fresh from the generator, the tables have no statistics yet.
		jdbc.sql("analyze").update();
		var sender = Viewer.districtAdministrator().named("bench@riverside.example");
		var request = new AnnouncementRequest(new AudienceCriteria(true, null, null, null, null, null, null),
				"School closed tomorrow: {school}",
				"Dear {guardianName},\n\nBecause of the storm, {school} is closed tomorrow. {childName} can stay at home.\n\nThe district office",
				Category.URGENT, Set.of(Channel.IN_APP, Channel.EMAIL), null);
		long started = System.nanoTime();
		var created = announcements.create(sender, request, null);
		double answered = (System.nanoTime() - started) / 1e9;
		var id = created.announcement().id();
		// The worker releases; this phase runs without one, so the release is timed here, as the worker runs it.
		releases.release(id);
		double seconds = (System.nanoTime() - started) / 1e9;
		long queued = jdbc.sql("select count(*) from messaging.delivery where announcement_id = ? and status = 'QUEUED'")
			.param(id).query(Long.class).single();
		long emails = jdbc.sql("select count(*) from messaging.delivery where announcement_id = ? and channel = 'EMAIL'")
			.param(id).query(Long.class).single();
		long recipients = jdbc.sql("select count(*) from messaging.recipient where announcement_id = ?").param(id)
			.query(Long.class).single();
		System.out.printf("guardians=%d recipient_rows=%d deliveries_queued=%d (email=%d in_app=%d)%n",
				jdbc.sql("select count(*) from directory.guardian").query(Long.class).single(), recipients, queued, emails,
				queued - emails);
		System.out.printf("homeroom create (the request's answer): seconds=%.3f%n", answered);
		System.out.printf("homeroom create+release until every delivery is QUEUED: seconds=%.2f%n", seconds);

		// The floor: the same delivery rows from the same join over guardians, children, schools
		// and contacts, in one statement into a plain table without keys or indexes.
		jdbc.sql("drop table if exists public.bench_delivery_copy").update();
		jdbc.sql("create table public.bench_delivery_copy (like messaging.delivery including defaults)").update();
		long raw = System.nanoTime();
		int rows = jdbc.sql("""
				insert into public.bench_delivery_copy (id, announcement_id, guardian_id, channel, language, address, guardian_name,
				                                       child_names, school_names, status, next_attempt_at)
				select gen_random_uuid(), :id, gu.id, ch.channel, gu.preferred_language,
				       case when ch.channel = 'EMAIL' then e.value end, gu.given_name || ' ' || gu.family_name,
				       string_agg(s.given_name, ', ' order by s.given_name), string_agg(distinct sc.name, ', '), 'QUEUED', now()
				from directory.guardian gu
				join directory.guardianship g on g.guardian_id = gu.id
				join directory.student s on s.id = g.student_id and s.active
				left join directory.enrolment en on en.student_id = s.id and en.starts_on <= current_date
				     and (en.ends_on is null or en.ends_on >= current_date)
				left join directory.school sc on sc.id = en.school_id
				left join lateral (select c.value from directory.contact_point c where c.guardian_id = gu.id and c.kind = 'EMAIL'
				                   and c.valid and c.verified order by c.position limit 1) e on true
				cross join (values ('IN_APP'), ('EMAIL')) ch (channel)
				where gu.active and (ch.channel <> 'EMAIL' or e.value is not null)
				  and exists (select 1 from directory.contact_point c where c.guardian_id = gu.id and c.valid and c.verified)
				group by gu.id, ch.channel, e.value""")
			.param("id", id).update();
		double rawSeconds = (System.nanoTime() - raw) / 1e9;
		System.out.printf("raw INSERT ... SELECT of the same rows into a plain table: rows=%d seconds=%.2f%n", rows, rawSeconds);
		System.out.printf("ratio homeroom/raw=%.2f (target: at most 3)%n", seconds / rawSeconds);
	}

	private void handoff() throws MessagingException, InterruptedException {
		// The worker started with the application; the window starts once it is running.
		long before = sentEmails();
		long inAppBefore = sentInApp();
		Thread.sleep(WINDOW_NANOS / 1_000_000);
		long homeroom = sentEmails() - before;
		long inApp = sentInApp() - inAppBefore;
		worker.stop();
		System.out.printf("homeroom DeliveryWorker, 60 s: emails_handed_off=%d rate=%.1f/s (and in_app=%d in the same window)%n",
				homeroom, homeroom / 60.0, inApp);

		List<Claimed> rows = jdbc.sql("""
				select d.id, d.announcement_id, d.guardian_id, d.channel, d.language, d.address, d.guardian_name,
				       d.child_names, d.school_names, d.attempts, %s
				from messaging.delivery d join messaging.announcement a on a.id = d.announcement_id
				where d.channel = 'EMAIL' order by d.next_attempt_at, d.id""".formatted(LanguageVersions.COLUMNS))
			.query(Claimed.class).list();
		Properties properties = new Properties();
		properties.put("mail.smtp.host", mail.host());
		properties.put("mail.smtp.port", environment.getProperty("homeroom.mail.port", "25"));
		Session session = Session.getInstance(properties);
		InternetAddress from = InternetAddress.parse(mail.from())[0];
		long trivial = 0;
		try (Transport transport = session.getTransport("smtp")) {
			transport.connect();
			long started = System.nanoTime();
			while (System.nanoTime() - started < WINDOW_NANOS) {
				Claimed row = rows.get((int) (trivial % rows.size()));
				RenderedMessage message = renderer.render(row);
				MimeMessage mime = EmailChannel.compose(session, row.id(), from, row.address(), message);
				mime.saveChanges();
				transport.sendMessage(mime, mime.getAllRecipients());
				trivial++;
			}
		}
		System.out.printf("trivial sender (one Transport connection), 60 s: emails_handed_off=%d rate=%.1f/s%n", trivial,
				trivial / 60.0);
		System.out.printf("homeroom emails sent in all (for the SMTP server's count)=%d, plus trivial=%d%n", sentEmails(), trivial);
	}

	private long sentEmails() {
		return jdbc.sql("select count(*) from messaging.delivery where channel = 'EMAIL' and status = 'SENT'")
			.query(Long.class).single();
	}

	private long sentInApp() {
		return jdbc.sql("select count(*) from messaging.delivery where channel = 'IN_APP' and status = 'SENT'")
			.query(Long.class).single();
	}
}
