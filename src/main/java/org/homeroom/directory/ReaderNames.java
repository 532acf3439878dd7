package org.homeroom.directory;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who the sign-in names that read student records belong to, as the directory knows them, so that
 * the access log names its readers rather than their sign-in names: a member of staff by name, a
 * family account by the guardians it acts for and how each is related to which child.
 */
@Service
public class ReaderNames {

	private final JdbcClient jdbc;

	private final ObjectProvider<GuardianAccounts> guardianAccounts;

	ReaderNames(JdbcClient jdbc, ObjectProvider<GuardianAccounts> guardianAccounts) {
		this.jdbc = jdbc;
		this.guardianAccounts = guardianAccounts;
	}

	/** The readers the directory knows among these sign-in names, by sign-in name; the others are left out. */
	@Transactional(readOnly = true)
	public Map<String, Reader> of(Collection<String> usernames) {
		Set<String> distinct = Set.copyOf(usernames);
		if (distinct.isEmpty()) {
			return Map.of();
		}
		Map<String, String> staffNames = new HashMap<>();
		jdbc.sql("select email, given_name || ' ' || family_name from directory.staff where email in (:emails)")
			.param("emails", distinct.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList())
			.query((rs, row) -> staffNames.put(rs.getString(1), rs.getString(2)))
			.list();
		GuardianAccounts accounts = guardianAccounts.getIfAvailable(() -> name -> Set.of());
		Map<String, Set<UUID>> guardiansByReader = new HashMap<>();
		for (String username : distinct) {
			if (!staffNames.containsKey(username.toLowerCase(Locale.ROOT))) {
				Set<UUID> guardians = accounts.guardiansOf(username);
				if (!guardians.isEmpty()) {
					guardiansByReader.put(username, guardians);
				}
			}
		}
		Map<UUID, List<Kin>> kinByGuardian = kin(guardiansByReader.values().stream().flatMap(Set::stream).collect(Collectors.toSet()));
		Map<String, Reader> readers = new HashMap<>();
		for (String username : distinct) {
			Optional.ofNullable(staffNames.get(username.toLowerCase(Locale.ROOT)))
				.ifPresent(name -> readers.put(username, new Reader(name, List.of())));
			Optional.ofNullable(guardiansByReader.get(username))
				.map(guardians -> guardians.stream().flatMap(id -> kinByGuardian.getOrDefault(id, List.of()).stream()).toList())
				.filter(kin -> !kin.isEmpty())
				.ifPresent(kin -> readers.put(username, new Reader(null, kin)));
		}
		return readers;
	}

	private Map<UUID, List<Kin>> kin(Set<UUID> guardianIds) {
		if (guardianIds.isEmpty()) {
			return Map.of();
		}
		return jdbc.sql("""
				select gu.id, gu.given_name || ' ' || gu.family_name, g.student_id, g.relationship
				from directory.guardian gu left join directory.guardianship g on g.guardian_id = gu.id
				where gu.id in (:guardians) order by gu.family_name, gu.given_name, gu.id""")
			.param("guardians", guardianIds)
			.query((rs, row) -> Map.entry(rs.getObject(1, UUID.class), new Kin(rs.getString(2), rs.getObject(3, UUID.class),
					rs.getString(4) == null ? null : DirectoryCommands.Relationship.valueOf(rs.getString(4)))))
			.list().stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
	}

	/**
	 * A reader the directory knows.
	 *
	 * @param staffName the member of staff's name, or null for a family account
	 * @param kin for a family account, each guardian it acts for with each child of theirs
	 */
	public record Reader(String staffName, List<Kin> kin) {

		public Reader {
			kin = List.copyOf(kin);
		}

		/**
		 * The guardian who read about this student, with their relationship to the child; for a
		 * reader about someone not their child (or a list without one), the first guardian they act
		 * for, without a relationship.
		 */
		public Optional<Kin> kinOf(UUID studentId) {
			return kin.stream().filter(one -> one.studentId() != null && one.studentId().equals(studentId)).findFirst()
				.or(() -> kin.stream().findFirst().map(one -> new Kin(one.name(), null, null)));
		}
	}

	/**
	 * A guardian and one child of theirs.
	 *
	 * @param studentId the child, or null when the guardian has none on file
	 * @param relationship how the guardian is related to the child, or null with no child
	 */
	public record Kin(String name, UUID studentId, DirectoryCommands.Relationship relationship) {
	}
}
