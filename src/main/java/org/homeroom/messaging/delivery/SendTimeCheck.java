package org.homeroom.messaging.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The last look before a claimed batch goes to its channels. Release resolved the audience
 * minutes, hours or (for a retry) a day before: since then a court order may have become a
 * no-contact restriction, a family may have declined this kind of message, or an address may have
 * been found wrong or removed. One statement checks the whole batch; a row that may no longer go is
 * SKIPPED with its reason, and an e-mail row goes to the family's current first address.
 * <p>The statement reads the directory's restriction, guardian and contact tables directly: the
 * check has to be one set-based statement joined with the batch, which a per-guardian call into the
 * directory could not be. It applies the directory's own rules, as {@code Directory.audience} writes
 * them (a restriction in force on the district's day, a contact valid and verified).
 */
@Component
class SendTimeCheck {

	private final JdbcClient jdbc;

	SendTimeCheck(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Checks the rows this node holds, marks those that may no longer go SKIPPED, and answers the
	 * ones that may, with their current address.
	 */
	List<Claimed> check(List<Claimed> batch, UUID node, LocalDate today, Instant now) {
		if (batch.isEmpty()) {
			return batch;
		}
		Map<UUID, Checked> checked = jdbc.sql("""
				with checked as (
				    select d.id,
				           case
				             when not exists (select 1 from directory.guardian gu where gu.id = d.guardian_id and gu.active)
				               then 'NO_USABLE_CONTACT'
				             when exists (select 1 from messaging.recipient r
				                          join directory.restriction x on x.student_id = r.student_id and x.guardian_id = r.guardian_id
				                          where r.announcement_id = d.announcement_id and r.guardian_id = d.guardian_id
				                            and r.excluded is null and x.type = 'NO_CONTACT' and x.lifted_at is null
				                            and x.starts_on <= :today and (x.ends_on is null or x.ends_on >= :today))
				               then 'NO_CONTACT_RESTRICTION'
				             when a.category in ('GENERAL', 'EVENT')
				                  and exists (select 1 from messaging.opt_out o where o.guardian_id = d.guardian_id
				                              and o.category = a.category and o.channel = d.channel)
				               then 'OPTED_OUT_' || d.channel
				             when not exists (select 1 from directory.contact_point c
				                              where c.guardian_id = d.guardian_id and c.valid and c.verified)
				               then 'NO_USABLE_CONTACT'
				             when d.channel = 'EMAIL' and e.value is null
				               then 'NO_EMAIL'
				           end as reason,
				           e.value as email
				    from messaging.delivery d
				    join messaging.announcement a on a.id = d.announcement_id
				    left join lateral (select c.value from directory.contact_point c
				                       where c.guardian_id = d.guardian_id and c.kind = 'EMAIL' and c.valid and c.verified
				                       order by c.position, c.value limit 1) e on d.channel = 'EMAIL'
				    where d.id in (:ids) and d.claimed_by = :node)
				update messaging.delivery d
				set status = case when c.reason is null then d.status else 'SKIPPED' end,
				    skipped_reason = c.reason,
				    claimed_by = case when c.reason is null then d.claimed_by end,
				    address = case when c.reason is null and d.channel = 'EMAIL' then c.email else d.address end,
				    next_attempt_at = case when c.reason is null then d.next_attempt_at else :now end
				from checked c where c.id = d.id
				returning d.id, c.reason, d.address""")
			.param("ids", batch.stream().map(Claimed::id).toList())
			.param("node", node)
			.param("today", today)
			.param("now", Timestamp.from(now))
			.query(Checked.class).stream()
			.collect(Collectors.toMap(Checked::id, Function.identity()));
		return batch.stream()
			.filter(delivery -> checked.containsKey(delivery.id()) && checked.get(delivery.id()).reason() == null)
			.map(delivery -> delivery.at(checked.get(delivery.id()).address()))
			.toList();
	}

	private record Checked(UUID id, String reason, String address) {
	}
}
