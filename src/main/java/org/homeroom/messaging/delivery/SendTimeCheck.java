package org.homeroom.messaging.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.homeroom.directory.Audiences;
import org.homeroom.directory.Reachability;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The last look before a claimed batch goes to its channels. Release resolved the audience
 * minutes, hours or (for a retry) a day before: since then a court order may have become a
 * no-contact restriction, a family may have declined this kind of message, or an address may have
 * been found wrong or removed. One statement checks the whole batch; a row that may no longer go is
 * SKIPPED with its reason, and an e-mail or SMS row goes to the family's current first address or
 * phone. A text to a number that opted out of SMS (STOP) is SKIPPED as {@code OPTED_OUT_SMS}.
 * <p>The directory owns the rules about restrictions and contacts and writes them as a subquery
 * ({@link Audiences#reachability}) that this statement joins to each claimed row by its guardian
 * and the children its recipients name; opt-outs are messaging's own.
 */
@Component
class SendTimeCheck {

	private final JdbcClient jdbc;

	private final Audiences audiences;

	private final Fallbacks fallbacks;

	SendTimeCheck(JdbcClient jdbc, Audiences audiences, Fallbacks fallbacks) {
		this.jdbc = jdbc;
		this.audiences = audiences;
		this.fallbacks = fallbacks;
	}

	/**
	 * Checks the rows this node holds, marks those that may no longer go SKIPPED (each making its
	 * fallback on the guardian's next channel, see {@link Fallbacks#afterSkip}), and answers the ones
	 * that may, with their current address. Runs in the claim's transaction.
	 */
	List<Claimed> check(List<Claimed> batch, UUID node, Instant now) {
		if (batch.isEmpty()) {
			return batch;
		}
		Reachability reach = audiences.reachability("d.guardian_id", """
				select r.student_id from messaging.recipient r
				where r.announcement_id = d.announcement_id and r.guardian_id = d.guardian_id and r.excluded is null""", now);
		Map<UUID, Checked> checked = jdbc.sql("""
				with checked as (
				    select d.id,
				           case
				             when not reach.active then 'NO_USABLE_CONTACT'
				             when reach.no_contact then 'NO_CONTACT_RESTRICTION'
				             when a.category in ('GENERAL', 'EVENT')
				                  and exists (select 1 from messaging.opt_out o where o.guardian_id = d.guardian_id
				                              and o.category = a.category and o.channel = d.channel)
				               then 'OPTED_OUT_' || d.channel
				             when not reach.reachable then 'NO_USABLE_CONTACT'
				             when d.channel = 'EMAIL' and reach.email is null then 'NO_EMAIL'
				             when d.channel = 'SMS' and reach.phone is null then 'NO_PHONE'
				             when d.channel = 'SMS' and exists (select 1 from messaging.sms_opt_out s where s.phone = reach.phone)
				               then 'OPTED_OUT_SMS'
				           end as reason,
				           case d.channel when 'EMAIL' then reach.email when 'SMS' then reach.phone end as email
				    from messaging.delivery d
				    join messaging.announcement a on a.id = d.announcement_id
				    cross join lateral (%s) reach
				    where d.id in (:ids) and d.claimed_by = :node)
				update messaging.delivery d
				set status = case when c.reason is null then d.status else 'SKIPPED' end,
				    skipped_reason = c.reason,
				    claimed_by = case when c.reason is null then d.claimed_by end,
				    address = case when c.reason is null and d.channel in ('EMAIL', 'SMS') then c.email else d.address end,
				    next_attempt_at = case when c.reason is null then d.next_attempt_at else :now end
				from checked c where c.id = d.id
				returning d.id, c.reason, d.address""".formatted(reach.sql()))
			.params(reach.parameters())
			.param("ids", batch.stream().map(Claimed::id).toList())
			.param("node", node)
			.param("now", Timestamp.from(now))
			.query(Checked.class).stream()
			.collect(Collectors.toMap(Checked::id, Function.identity()));
		// A skipped row falls back now, in the claim's transaction, as it would have at release.
		checked.values().stream().filter(row -> row.reason() != null).forEach(row -> fallbacks.afterSkip(row.id()));
		return batch.stream()
			.filter(delivery -> checked.containsKey(delivery.id()) && checked.get(delivery.id()).reason() == null)
			.map(delivery -> delivery.at(checked.get(delivery.id()).address()))
			.toList();
	}

	private record Checked(UUID id, String reason, String address) {
	}
}
