package org.homeroom.messaging.sms;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.homeroom.directory.GuardianPhones;
import org.homeroom.directory.PhoneOptOuts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Numbers that texted STOP (or one of its synonyms). An opt-out is kept with its time and ends SMS
 * to the number at once: the texts queued for it are SKIPPED in the same transaction, and the
 * worker asks again just before each hand-off, so a STOP that arrives between claim and send still
 * stops it. START (or YES, UNSTOP) removes it.
 */
@Service
public class SmsOptOuts implements PhoneOptOuts {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final GuardianPhones phones;

	SmsOptOuts(JdbcClient jdbc, Clock clock, GuardianPhones phones) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.phones = phones;
	}

	/** Records the opt-out (keeping the first time, if it is repeated) and skips what waits for the number. */
	@Transactional
	public void optOut(String phoneE164, String keyword) {
		jdbc.sql("""
				insert into messaging.sms_opt_out (phone, opted_out_at, keyword) values (?, ?, ?)
				on conflict (phone) do nothing""")
			.params(phoneE164, Timestamp.from(clock.instant()), keyword).update();
		jdbc.sql("""
				update messaging.sms_outbox set status = 'SKIPPED', skipped_reason = 'OPTED_OUT_SMS', claimed_at = null
				where to_number = ? and status = 'QUEUED'""")
			.param(phoneE164).update();
	}

	/** The number may be texted again. */
	@Transactional
	public void optIn(String phoneE164) {
		jdbc.sql("delete from messaging.sms_opt_out where phone = ?").param(phoneE164).update();
	}

	/** Whether the number opted out. */
	@Transactional(readOnly = true)
	public boolean optedOut(String phoneE164) {
		return jdbc.sql("select exists (select 1 from messaging.sms_opt_out where phone = ?)").param(phoneE164)
			.query(Boolean.class).single();
	}

	/** The directory's question, for the "opted out of SMS" note on staff pages. */
	@Override
	@Transactional(readOnly = true)
	public boolean smsOptedOut(String phoneE164) {
		return optedOut(phoneE164);
	}

	/** Those of the numbers that opted out. */
	@Transactional(readOnly = true)
	public Set<String> optedOutNumbers(Collection<String> phonesE164) {
		if (phonesE164.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("select phone from messaging.sms_opt_out where phone in (:phones)")
			.param("phones", phonesE164).query(String.class).list());
	}

	/**
	 * Those of the guardians with a phone in use that opted out of SMS, for staff pages that show
	 * "opted out of SMS" beside a family the viewer may already see.
	 */
	@Transactional(readOnly = true)
	public Set<UUID> optedOut(Collection<UUID> guardianIds) {
		Map<UUID, List<String>> byGuardian = phones.phonesOf(guardianIds);
		Set<String> out = optedOutNumbers(byGuardian.values().stream().flatMap(List::stream).toList());
		Set<UUID> guardians = new HashSet<>();
		byGuardian.forEach((guardian, numbers) -> {
			if (numbers.stream().anyMatch(out::contains)) {
				guardians.add(guardian);
			}
		});
		return guardians;
	}
}
