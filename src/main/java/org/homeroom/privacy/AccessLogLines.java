package org.homeroom.privacy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.homeroom.directory.Directory;
import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.DistrictTimes;
import org.homeroom.directory.ReaderNames;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.UserProfiles;
import org.springframework.stereotype.Component;

/**
 * Puts a page of the access log into the words a person reads: the reader by name (a family member
 * by name and relationship to the child), the student by name, and the time on the district's
 * clock in the reader's language. What was read and why stay keys, for the bundles to word.
 */
@Component
class AccessLogLines {

	private final Directory directory;

	private final ReaderNames readerNames;

	private final UserProfiles profiles;

	private final DistrictClock clock;

	private final DistrictTimes times;

	AccessLogLines(Directory directory, ReaderNames readerNames, UserProfiles profiles, DistrictClock clock,
			DistrictTimes times) {
		this.directory = directory;
		this.clock = clock;
		this.readerNames = readerNames;
		this.profiles = profiles;
		this.times = times;
	}

	/** The entries as lines, naming only the students the viewer may see. */
	List<Line> of(List<AccessLog.Entry> entries, Viewer viewer, Locale locale) {
		ZoneId zone = clock.zone();
		Map<UUID, String> students = directory.visibleStudentNames(viewer,
				entries.stream().map(AccessLog.Entry::studentId).filter(Objects::nonNull).distinct().toList());
		List<NamedEntry> named = named(entries);
		return named.stream().map(entry -> new Line(entry.at().atZone(zone).toOffsetDateTime().toString(),
				times.moment(entry.at(), locale), entry.readerName(), entry.relationship(), entry.actor(),
				entry.studentId(), entry.studentId() == null ? null : students.get(entry.studentId()), entry.what(),
				entry.purpose(), usedCriteria(entry.query()), entry.studentCount()))
			.toList();
	}

	/** The entries with their readers named, for the API. */
	List<NamedEntry> named(List<AccessLog.Entry> entries) {
		Map<String, ReaderNames.Reader> readers = readerNames.of(entries.stream().map(AccessLog.Entry::actor).toList());
		return entries.stream().map(entry -> {
			ReaderNames.Reader known = readers.get(entry.actor());
			Optional<ReaderNames.Kin> kin = known == null || known.staffName() != null ? Optional.empty()
					: known.kinOf(entry.studentId());
			String name = known != null && known.staffName() != null ? known.staffName()
					: kin.map(ReaderNames.Kin::name)
						.orElseGet(() -> profiles.find(entry.actor()).map(UserProfiles.UserProfile::displayName).orElse(entry.actor()));
			return new NamedEntry(entry.actor(), name, kin.map(ReaderNames.Kin::relationship).map(Enum::name).orElse(null),
					entry.studentId(), entry.what(), entry.purpose(), entry.query(), entry.studentCount(), entry.at());
		}).toList();
	}

	/** "schoolId=&grade=07&q=" says no more than "grade=07". */
	private static String usedCriteria(String query) {
		if (query == null) {
			return null;
		}
		return Arrays.stream(query.split("&"))
			.filter(pair -> pair.indexOf('=') < pair.length() - 1 && !pair.equals("page=0"))
			.collect(Collectors.joining(" · "));
	}

	/**
	 * An entry with its reader named.
	 *
	 * @param actor the reader's sign-in name
	 * @param readerName the reader's name, or their sign-in name when the directory does not know them
	 * @param relationship a family reader's relationship to the student (e.g. {@code PARENT}), or null
	 */
	record NamedEntry(String actor, String readerName, String relationship, UUID studentId, String what, String purpose,
			String query, int studentCount, Instant at) {
	}

	/**
	 * An entry as the page shows it.
	 *
	 * @param at the moment, ISO 8601 on the district's clock
	 * @param shownAt the moment as the reader reads it
	 * @param readerName the reader's name, or their sign-in name when the directory does not know them
	 * @param relationship a family reader's relationship to the student, or null
	 * @param signInName the reader's sign-in name, what the reader filter matches
	 * @param studentName null when the student is not shown to this viewer or the entry names none
	 */
	record Line(String at, String shownAt, String readerName, String relationship, String signInName, UUID studentId,
			String studentName, String what, String purpose, String query, int studentCount) {
	}
}
