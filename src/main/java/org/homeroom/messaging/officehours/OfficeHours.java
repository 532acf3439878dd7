package org.homeroom.messaging.officehours;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.homeroom.directory.DistrictClock;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.NotFoundException;
import org.homeroom.platform.UiLanguages;
import org.homeroom.translation.CuratedTexts;
import org.springframework.stereotype.Service;

/**
 * Staff's office hours, and the automatic answer a family gets when it writes outside them. Each
 * member of staff sets their own weekly hours on their account; whoever has set none keeps the
 * district's default (the school day, {@code homeroom.messaging.office-hours.default}). Hours are
 * read on the district's clock, never the server's, so "8:00" is 8:00 where the school is, summer
 * and winter alike.
 *
 * <p>Conversations call {@link #automaticAnswer} when a family writes; this class sends nothing.
 */
@Service
public class OfficeHours {

	private final OfficeHoursRepository repository;

	private final OfficeHoursSettings settings;

	private final DistrictClock clock;

	private final ReplyTimes replyTimes;

	private final CuratedTexts curated;

	OfficeHours(OfficeHoursRepository repository, OfficeHoursSettings settings, DistrictClock clock, ReplyTimes replyTimes,
			CuratedTexts curated) {
		this.repository = repository;
		this.settings = settings;
		this.clock = clock;
		this.replyTimes = replyTimes;
		this.curated = curated;
	}

	/**
	 * Whether the member of staff is in office hours at this moment. Staff without hours (none set
	 * and no district default) are always "open": nobody is told to wait for hours that do not exist.
	 */
	public boolean open(UUID staffId, Instant at) {
		WeeklyHours hours = schedule(staffId).hours();
		return hours.isEmpty() || hours.open(at, clock.zone());
	}

	/**
	 * When the member of staff is next in office hours, in the district's time zone: {@code after}
	 * itself when they are in them then, otherwise the start of their next interval. Empty when they
	 * keep no hours at all.
	 */
	public Optional<ZonedDateTime> nextOpening(UUID staffId, Instant after) {
		return schedule(staffId).hours().nextOpening(after, clock.zone());
	}

	/**
	 * The automatic answer to a family that writes at {@code at}, in the family's language (English,
	 * Spanish or Arabic; any other language gets English until messages are translated), e.g.
	 * "Ms. Rivera is out of office hours. You can expect a reply from Monday at 8:00 AM.", followed
	 * by the note the member of staff left, if any. Empty when they are in office hours then (or keep none).
	 *
	 * @param staffDisplayName the name the family knows the member of staff by, as the thread shows it
	 */
	public Optional<String> automaticAnswer(UUID staffId, String staffDisplayName, Instant at, Locale familyLanguage) {
		Schedule schedule = schedule(staffId);
		if (schedule.hours().isEmpty() || schedule.hours().open(at, clock.zone())) {
			return Optional.empty();
		}
		Locale language = readable(familyLanguage);
		ZonedDateTime opening = schedule.hours().nextOpening(at, clock.zone()).orElseThrow();
		// An automatic message: the district's own words win over the shipped ones.
		String answer = curated.text("officehours.answer", language, staffDisplayName, replyTimes.from(opening, at, language));
		if (schedule.note() != null) {
			answer += "\n" + curated.text("officehours.answer.note", language, staffDisplayName, schedule.note());
		}
		return Optional.of(answer);
	}

	/** The hours in force for a member of staff: their own, or the district's default. */
	Schedule schedule(UUID staffId) {
		return repository.find(staffId)
			.filter(set -> !set.hours().isEmpty() || set.note() != null)
			.map(set -> new Schedule(set.hours().isEmpty() ? settings.defaults() : set.hours(), !set.hours().isEmpty(),
					set.note()))
			.orElseGet(() -> new Schedule(settings.defaults(), false, null));
	}

	/** The district's default, for the page that explains it. */
	WeeklyHours defaults() {
		return settings.defaults();
	}

	/**
	 * Saves the caller's own office hours; no hours means the district's default again. Only a
	 * member of staff with a staff record has office hours: anyone else gets 404.
	 */
	void save(Viewer viewer, WeeklyHours hours, String note) {
		UUID staffId = staffIdOf(viewer);
		String kept = note == null || note.isBlank() ? null : note.strip();
		repository.save(staffId, new OfficeHoursRepository.SetHours(hours, kept), viewer.name(), clock.now());
	}

	/** The caller's staff record, for whose office hours the page is; 404 for anyone without one. */
	static UUID staffIdOf(Viewer viewer) {
		if (!viewer.staff()) {
			throw new NotFoundException("office hours");
		}
		return viewer.staffId().orElseThrow(() -> new NotFoundException("office hours"));
	}

	private static Locale readable(Locale language) {
		if (language == null) {
			return Locale.ENGLISH;
		}
		return UiLanguages.match(language.toLanguageTag()).isPresent() ? language : Locale.ENGLISH;
	}

	/**
	 * @param hours the hours in force
	 * @param own whether they are the member of staff's own (false: the district's default)
	 * @param note their note, or null
	 */
	record Schedule(WeeklyHours hours, boolean own, String note) {
	}
}
