package org.homeroom.messaging.reach;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Which families a school is reaching, over a period: per family language, how many guardians of
 * the enrolled students in scope there are, how many have no usable contact, how many received at
 * least one announcement (a delivery SENT or DELIVERED, the in-app inbox included) and in what
 * version, and how many nobody reached. Counts only, nobody named.
 *
 * <p>A guardian who received several announcements is counted once, by the weakest version they
 * received ({@link #VERSIONS} runs from strongest to weakest): a family that had even one
 * announcement it could not read is not counted as reached in its language.
 *
 * @param from the first day of the period, on the district's calendar
 * @param to the last day (today)
 * @param school the school the report is narrowed to, or null for all the reader may see
 * @param anyAnnouncement whether any announcement released in the period was addressed to a family in scope
 * @param schools per school, for a district administrator's district-wide view; empty otherwise
 */
public record ReachReport(int days, LocalDate from, LocalDate to, UUID school, boolean anyAnnouncement,
		List<LanguageRow> languages, Counts total, List<SchoolRow> schools) {

	/** How a received version was made, strongest first; all but UNTRANSLATED are "in their language". */
	static final List<String> VERSIONS = List.of("ORIGINAL", "CURATED", "REVIEWED", "MACHINE", "UNTRANSLATED");

	/** The periods offered, in days; the first page shows {@link #DEFAULT_DAYS}. */
	static final List<Integer> PERIODS = List.of(7, 30, 90);

	static final int DEFAULT_DAYS = 30;

	/** One family language (its primary subtag, "es" for "es-MX"), named in the reader's language. */
	public record LanguageRow(String language, String name, Counts counts) {
	}

	/** One school: its guardians, and how many were reached, and reached in their language. */
	public record SchoolRow(UUID id, String name, long guardians, long reached, long inTheirLanguage) {

		public Double reachedShare() {
			return Counts.share(reached, guardians);
		}

		public Double inTheirLanguageShare() {
			return Counts.share(inTheirLanguage, guardians);
		}
	}

	/**
	 * The counts of one row. {@code byVersion} follows {@link #VERSIONS}; the versions add up to
	 * {@code reached}, and {@code reached + notReached = guardians}.
	 */
	public record Counts(long guardians, long noContact, long reached, List<Long> byVersion, long notReached) {

		static final Counts NONE = new Counts(0, 0, 0, List.of(0L, 0L, 0L, 0L, 0L), 0);

		public long version(String version) {
			return byVersion.get(VERSIONS.indexOf(version));
		}

		/** Reached with a version in their language: every version but UNTRANSLATED. */
		public long inTheirLanguage() {
			return reached - version("UNTRANSLATED");
		}

		public Counts plus(Counts other) {
			List<Long> versions = java.util.stream.IntStream.range(0, VERSIONS.size())
				.mapToObj(i -> byVersion.get(i) + other.byVersion.get(i)).toList();
			return new Counts(guardians + other.guardians, noContact + other.noContact, reached + other.reached, versions,
					notReached + other.notReached);
		}

		/** A part of the guardians, as a fraction for the page to write as a percentage; null when there are none. */
		public Double ofGuardians(long part) {
			return share(part, guardians);
		}

		/** A part of the guardians reached, as a fraction; null when nobody was reached. */
		public Double ofReached(long part) {
			return share(part, reached);
		}

		static Double share(long part, long whole) {
			return whole == 0 ? null : (double) part / whole;
		}
	}
}
