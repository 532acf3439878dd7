package org.homeroom.directory;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.homeroom.platform.InvalidInputException;
import org.homeroom.shared.PhoneNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a staff correction ({@link RecordAdministration}) and a family's own edit
 * ({@link FamilyDetails}) of a guardian record share: reading phones and channels as typed, and
 * recording who last edited which group of fields, so that a later SIS import keeps those values.
 */
@Component
class GuardianEdits {

	/** What a family or staff edited, by field group; the SIS import keeps these values. */
	enum FieldGroup {
		CONTACTS, LANGUAGE, REACH
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final DirectorySettings settings;

	GuardianEdits(JdbcClient jdbc, Clock clock, DirectorySettings settings) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.settings = settings;
	}

	void record(Collection<UUID> guardianIds, FieldGroup group, String editedBy) {
		Timestamp now = Timestamp.from(clock.instant());
		for (UUID guardian : guardianIds) {
			jdbc.sql("""
					insert into directory.family_edit (guardian_id, field_group, edited_by, edited_at) values (?, ?, ?, ?)
					on conflict (guardian_id, field_group) do update set edited_by = excluded.edited_by,
					  edited_at = excluded.edited_at""")
				.params(guardian, group.name(), editedBy, now).update();
		}
	}

	/** A phone number as typed, read in the district's region when it has no country code. */
	PhoneNumber phone(String raw) {
		return PhoneNumber.parse(raw, settings.defaultRegion());
	}

	/** Phone numbers as typed; an empty one names its place in the list. */
	List<PhoneNumber> phones(List<String> values) {
		List<PhoneNumber> phones = new ArrayList<>();
		List<String> given = values == null ? List.of() : values;
		for (int i = 0; i < given.size(); i++) {
			if (given.get(i) == null || given.get(i).isBlank()) {
				throw new InvalidInputException("phones[" + i + "]", "A phone number cannot be empty");
			}
			phones.add(phone(given.get(i)));
		}
		return phones;
	}

	static List<String> channels(List<DirectoryCommands.Channel> channels) {
		return channels == null ? List.of() : channels.stream().map(Enum::name).toList();
	}
}
