package org.homeroom.messaging.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.homeroom.directory.Audiences;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Reachability;
import org.homeroom.messaging.Category;
import org.homeroom.messaging.MessagingSettings;
import org.homeroom.messaging.sms.SmsSender;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Delivery on another channel when the chosen ones do not reach a family: at release, for a
 * guardian who has none of the channels the announcement chose (no e-mail address for an e-mail
 * announcement, say), and later, the moment a delivery fails for good (FAILED, or UNDELIVERED by
 * the SMS provider's word) or is skipped as it was about to go (a number that opted out since it
 * was queued, say). The fallback row is made then, QUEUED, marked {@code fallback}, and counted in
 * the report as "fell back".
 * <p>The next channel is the first, in this order, that the guardian has, that this announcement
 * has not tried for them yet, and that they have not declined for this kind of message: the
 * guardian's own preferred channels in their order, then e-mail, then SMS (a text costs money and
 * is short). The in-app inbox is a fallback only for a guardian who named it among their preferred
 * channels: it reaches nobody by itself, only whoever signs in, so falling back to it would take a
 * family that nothing reached off the report's "not reached" list, and off the call tasks made from
 * it. A channel a guardian has is one with a valid, verified address (for SMS a phone in E.164
 * that has not opted out, and SMS configured, or demo mode). The unique key (announcement,
 * guardian, channel) means no channel is tried twice, so fallbacks end.
 */
@Component
public class Fallbacks {

	private final JdbcClient jdbc;

	private final Audiences audiences;

	private final SmsSender sms;

	private final MessagingSettings settings;

	private final DistrictClock district;

	private final Clock clock;

	Fallbacks(JdbcClient jdbc, Audiences audiences, SmsSender sms, MessagingSettings settings, DistrictClock district,
			Clock clock) {
		this.jdbc = jdbc;
		this.audiences = audiences;
		this.sms = sms;
		this.settings = settings;
		this.district = district;
		this.clock = clock;
	}

	/**
	 * At release, in its transaction: one fallback delivery for each guardian of the announcement
	 * who may be contacted but got no delivery on any chosen channel.
	 *
	 * @return how many fell back
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int afterRelease(UUID announcement, Category category) {
		Instant now = clock.instant();
		Reachability reach = reach("g.guardian_id", "g.announcement_id", now);
		return jdbc.sql("""
				insert into messaging.delivery (id, announcement_id, guardian_id, channel, language, address, guardian_name,
				                                child_names, school_names, status, next_attempt_at, fallback)
				select gen_random_uuid(), g.announcement_id, g.guardian_id, pick.channel, g.language,
				       case pick.channel when 'EMAIL' then reach.email when 'SMS' then reach.phone end,
				       g.guardian_name, g.child_names, g.school_names, 'QUEUED', :due, true
				from (select r.announcement_id, r.guardian_id, min(r.language) as language, min(r.guardian_name) as guardian_name,
				             string_agg(r.student_name, ', ' order by r.student_name) as child_names,
				             string_agg(distinct r.school_name, ', ') as school_names
				      from messaging.recipient r
				      where r.announcement_id = :announcement and r.excluded is null
				        and not exists (select 1 from messaging.delivery x
				                        where x.announcement_id = r.announcement_id and x.guardian_id = r.guardian_id)
				      group by r.announcement_id, r.guardian_id) g
				join messaging.announcement a on a.id = g.announcement_id
				cross join lateral (%s) reach
				cross join lateral (%s) pick
				where reach.active and not reach.no_contact""".formatted(reach.sql(), next("g")))
			.params(reach.parameters())
			.param("announcement", announcement)
			.param("sms", sms.available())
			.param("due", Timestamp.from(due(now, category)))
			.update();
	}

	/**
	 * The moment a delivery fails for good, in the transaction that records it: a fallback delivery
	 * on the guardian's next channel, if they have one left.
	 *
	 * @return the fallback delivery, if one was made
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<UUID> afterFailure(UUID delivery) {
		return fallBackFrom(delivery, "d.status in ('FAILED', 'UNDELIVERED')");
	}

	/**
	 * The moment a delivery is SKIPPED as it was about to go (its number opted out of SMS since it
	 * was queued, Twilio said the number unsubscribed, the address was removed, the family declined
	 * this channel for this kind of message), in the transaction that skips it: a fallback delivery
	 * on the guardian's next channel, if they have one left, as release makes for a guardian who had
	 * none of the chosen channels then. A no-contact restriction never falls back, nor does a guardian
	 * whom another of the announcement's deliveries may still reach (their in-app copy, say).
	 *
	 * @return the fallback delivery, if one was made
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<UUID> afterSkip(UUID delivery) {
		return fallBackFrom(delivery, """
				d.status = 'SKIPPED' and d.skipped_reason <> 'NO_CONTACT_RESTRICTION'
				  and not exists (select 1 from messaging.delivery o
				                  where o.announcement_id = d.announcement_id and o.guardian_id = d.guardian_id
				                    and o.id <> d.id and o.status not in ('SKIPPED', 'FAILED', 'UNDELIVERED'))""");
	}

	/** One fallback for {@code delivery} when it is in the state {@code condition} names (a constant SQL condition on {@code d}). */
	private List<UUID> fallBackFrom(UUID delivery, String condition) {
		Instant now = clock.instant();
		Reachability reach = reach("d.guardian_id", "d.announcement_id", now);
		return jdbc.sql("""
				insert into messaging.delivery (id, announcement_id, guardian_id, channel, language, address, guardian_name,
				                                child_names, school_names, status, next_attempt_at, fallback, fallback_from)
				select gen_random_uuid(), d.announcement_id, d.guardian_id, pick.channel, d.language,
				       case pick.channel when 'EMAIL' then reach.email when 'SMS' then reach.phone end,
				       d.guardian_name, d.child_names, d.school_names, 'QUEUED',
				       case when a.category = 'URGENT' then cast(:now as timestamptz) else cast(:due as timestamptz) end, true, d.id
				from messaging.delivery d
				join messaging.announcement a on a.id = d.announcement_id
				cross join lateral (%s) reach
				cross join lateral (%s) pick
				where d.id = :delivery and %s and reach.active and not reach.no_contact
				  and not exists (select 1 from messaging.delivery f where f.fallback_from = d.id)
				on conflict (announcement_id, guardian_id, channel) do nothing
				returning id""".formatted(reach.sql(), next("d"), condition))
			.params(reach.parameters())
			.param("delivery", delivery)
			.param("sms", sms.available())
			.param("now", Timestamp.from(now))
			.param("due", Timestamp.from(due(now, Category.GENERAL)))
			.query(UUID.class)
			.list();
	}

	private Reachability reach(String guardian, String announcement, Instant now) {
		return audiences.reachability(guardian, """
				select r.student_id from messaging.recipient r
				where r.announcement_id = %s and r.guardian_id = %s and r.excluded is null""".formatted(announcement, guardian), now);
	}

	/** The guardian's next channel (see the class comment), for the row {@code row} of the caller's statement. */
	private static String next(String row) {
		return """
				select c.channel
				from unnest(reach.preferred_channels || array['EMAIL', 'SMS']) with ordinality as c (channel, position)
				where not exists (select 1 from messaging.delivery x
				                  where x.announcement_id = %1$s.announcement_id and x.guardian_id = %1$s.guardian_id
				                    and x.channel = c.channel)
				  and (c.channel = 'IN_APP'
				       or (c.channel = 'EMAIL' and reach.email is not null)
				       or (c.channel = 'SMS' and :sms and reach.phone is not null
				           and not exists (select 1 from messaging.sms_opt_out s where s.phone = reach.phone)))
				  and not (a.category in ('GENERAL', 'EVENT')
				           and exists (select 1 from messaging.opt_out o where o.guardian_id = %1$s.guardian_id
				                       and o.category = a.category and o.channel = c.channel))
				order by c.position limit 1""".formatted(row);
	}

	private Instant due(Instant now, Category category) {
		return new QuietHours(settings.quietHoursStart(), settings.quietHoursEnd(), district.zone()).allowedFrom(now, category);
	}
}
