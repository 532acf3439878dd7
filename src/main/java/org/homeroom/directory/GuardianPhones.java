package org.homeroom.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the SMS channel needs to know of guardians by their phones: the numbers in use (verified,
 * valid, E.164) of given guardians, and the schools their children attend today, whose offices a
 * family texting HELP is told to call. Facts for a channel, not records shown to anyone, so no
 * policy applies; callers show them only where the policy already let them.
 */
@Service
public class GuardianPhones {

	private final JdbcClient jdbc;

	private final DistrictClock clock;

	GuardianPhones(JdbcClient jdbc, DistrictClock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Each guardian's phones in use, in their order; a guardian without one is absent. */
	@Transactional(readOnly = true)
	public Map<UUID, List<String>> phonesOf(Collection<UUID> guardianIds) {
		if (guardianIds.isEmpty()) {
			return Map.of();
		}
		Map<UUID, List<String>> phones = new LinkedHashMap<>();
		jdbc.sql("""
				select guardian_id, value from directory.contact_point
				where guardian_id in (:ids) and kind = 'PHONE' and valid and verified order by guardian_id, position""")
			.param("ids", guardianIds)
			.query((rs, row) -> phones.computeIfAbsent(rs.getObject("guardian_id", UUID.class), id -> new ArrayList<>())
				.add(rs.getString("value")))
			.list();
		return phones;
	}

	/** The schools where the guardians' children are enrolled on the district's today. */
	@Transactional(readOnly = true)
	public List<UUID> schoolsOfChildren(Collection<UUID> guardianIds) {
		if (guardianIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select distinct e.school_id from directory.guardianship g
				join directory.student s on s.id = g.student_id and s.active
				join directory.enrolment e on e.student_id = g.student_id
				where g.guardian_id in (:ids) and e.starts_on <= :today and (e.ends_on is null or e.ends_on >= :today)""")
			.param("ids", guardianIds)
			.param("today", clock.today())
			.query(UUID.class)
			.list();
	}

	/**
	 * The active guardians who have this number in use (valid, verified): who a text from it may be
	 * from. Two or more means the number is shared, and a reply cannot be told apart.
	 */
	@Transactional(readOnly = true)
	public List<UUID> guardiansWithPhone(String phoneE164) {
		return jdbc.sql("""
				select distinct c.guardian_id from directory.contact_point c
				join directory.guardian gu on gu.id = c.guardian_id and gu.active
				where c.value = ? and c.kind = 'PHONE' and c.valid and c.verified order by c.guardian_id""")
			.param(phoneE164).query(UUID.class).list();
	}

	/** Whether the guardian named SMS among their preferred channels. */
	@Transactional(readOnly = true)
	public boolean prefersSms(UUID guardianId) {
		return jdbc.sql("select exists (select 1 from directory.guardian where id = ? and 'SMS' = any (preferred_channels))")
			.param(guardianId).query(Boolean.class).single();
	}

	/** The guardian's active children, whichever school they attend. */
	@Transactional(readOnly = true)
	public List<UUID> childrenOf(UUID guardianId) {
		return jdbc.sql("""
				select g.student_id from directory.guardianship g join directory.student s on s.id = g.student_id and s.active
				where g.guardian_id = ? order by g.student_id""")
			.param(guardianId).query(UUID.class).list();
	}
}
