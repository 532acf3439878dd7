package org.homeroom.messaging.officehours;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A week of office hours: intervals of a weekday, on the district's wall clock. The same hours
 * hold every week, so a Monday 8:00 opening is 8:00 in Chicago in January and in July, whatever
 * the offset from UTC; a start that falls in the hour a spring change skips opens when the clock
 * reaches the other side of it.
 */
public record WeeklyHours(List<Interval> intervals) {

	private static final Comparator<Interval> IN_WEEK_ORDER = Comparator.comparing(Interval::day)
		.thenComparing(Interval::start);

	/** From 08:00 to 16:00: open at 08:00, closed again at 16:00. Never crosses midnight. */
	public record Interval(DayOfWeek day, LocalTime start, LocalTime end) {

		public Interval {
			if (day == null || start == null || end == null) {
				throw new IllegalArgumentException("An interval needs a day, a start and an end");
			}
			if (!end.isAfter(start)) {
				throw new IllegalArgumentException("Office hours end after they start: " + start + "-" + end);
			}
		}

		boolean holds(LocalTime time) {
			return !time.isBefore(start) && time.isBefore(end);
		}

		boolean overlaps(Interval other) {
			return day == other.day && start.isBefore(other.end) && other.start.isBefore(end);
		}
	}

	public WeeklyHours {
		List<Interval> sorted = new ArrayList<>(intervals);
		sorted.sort(IN_WEEK_ORDER);
		for (int i = 1; i < sorted.size(); i++) {
			if (sorted.get(i - 1).overlaps(sorted.get(i))) {
				throw new IllegalArgumentException("Office hours overlap: " + sorted.get(i - 1) + " and " + sorted.get(i));
			}
		}
		intervals = List.copyOf(sorted);
	}

	/** No office hours at all. */
	public static WeeklyHours none() {
		return new WeeklyHours(List.of());
	}

	public boolean isEmpty() {
		return intervals.isEmpty();
	}

	/** Whether the hours hold at this moment, read on the zone's wall clock. */
	public boolean open(Instant at, ZoneId zone) {
		LocalDateTime local = LocalDateTime.ofInstant(at, zone);
		return intervals.stream().anyMatch(interval -> interval.day() == local.getDayOfWeek() && interval.holds(local.toLocalTime()));
	}

	/**
	 * When the hours are next open: {@code after} itself when they are open then, otherwise the
	 * first start after it. Empty for a week without hours. A start skipped by a change of clocks
	 * becomes the first moment after the gap, and an interval lying wholly in the gap is passed over.
	 */
	public Optional<ZonedDateTime> nextOpening(Instant after, ZoneId zone) {
		if (open(after, zone)) {
			return Optional.of(after.atZone(zone));
		}
		LocalDate today = LocalDate.ofInstant(after, zone);
		// Two weeks: one would do, but hours lying wholly in a skipped hour come round a week later.
		for (int days = 0; days <= 14; days++) {
			LocalDate date = today.plusDays(days);
			for (Interval interval : intervals) {
				if (interval.day() != date.getDayOfWeek()) {
					continue;
				}
				ZonedDateTime opening = ZonedDateTime.of(date, interval.start(), zone);
				boolean happens = opening.toLocalDate().equals(date) && opening.toLocalTime().isBefore(interval.end());
				if (happens && opening.toInstant().isAfter(after)) {
					return Optional.of(opening);
				}
			}
		}
		return Optional.empty();
	}

	/** The intervals of one weekday, earliest first. */
	public List<Interval> on(DayOfWeek day) {
		return intervals.stream().filter(interval -> interval.day() == day).toList();
	}

	/**
	 * Reads the setting's form: entries separated by {@code ;}, each days and a time range, such as
	 * {@code MON-FRI 08:00-16:00} or {@code MON,WED 08:00-12:00; TUE 13:00-17:00}. Days are the
	 * first three letters of their English names, alone, in a list, or as a range within one week
	 * (Monday first). An empty text is no hours.
	 */
	public static WeeklyHours parse(String text) {
		List<Interval> intervals = new ArrayList<>();
		if (text == null || text.isBlank()) {
			return none();
		}
		for (String entry : text.split(";")) {
			String[] parts = entry.strip().split("\\s+");
			if (parts.length != 2) {
				throw new IllegalArgumentException("Expected days and hours, such as MON-FRI 08:00-16:00, not: " + entry.strip());
			}
			String[] times = parts[1].split("-");
			if (times.length != 2) {
				throw new IllegalArgumentException("Expected hours such as 08:00-16:00, not: " + parts[1]);
			}
			LocalTime start = time(times[0]);
			LocalTime end = time(times[1]);
			for (DayOfWeek day : days(parts[0])) {
				intervals.add(new Interval(day, start, end));
			}
		}
		return new WeeklyHours(intervals);
	}

	/** The setting's form of these hours: one entry per interval, e.g. {@code MON 08:00-16:00; TUE 08:00-16:00}. */
	public String format() {
		return String.join("; ", intervals.stream()
			.map(interval -> abbreviation(interval.day()) + " " + interval.start() + "-" + interval.end())
			.toList());
	}

	private static List<DayOfWeek> days(String text) {
		List<DayOfWeek> days = new ArrayList<>();
		for (String part : text.split(",")) {
			String[] range = part.split("-");
			if (range.length == 1) {
				days.add(day(range[0]));
			}
			else if (range.length == 2) {
				DayOfWeek first = day(range[0]);
				DayOfWeek last = day(range[1]);
				if (last.compareTo(first) < 0) {
					throw new IllegalArgumentException("A range of days runs from Monday towards Sunday: " + part);
				}
				for (int value = first.getValue(); value <= last.getValue(); value++) {
					days.add(DayOfWeek.of(value));
				}
			}
			else {
				throw new IllegalArgumentException("Not a day or a range of days: " + part);
			}
		}
		return days;
	}

	private static DayOfWeek day(String text) {
		String wanted = text.strip().toUpperCase(Locale.ROOT);
		for (DayOfWeek day : DayOfWeek.values()) {
			if (abbreviation(day).equals(wanted)) {
				return day;
			}
		}
		throw new IllegalArgumentException("Not a day (MON, TUE, WED, THU, FRI, SAT, SUN): " + text);
	}

	private static String abbreviation(DayOfWeek day) {
		return day.name().substring(0, 3);
	}

	private static LocalTime time(String text) {
		try {
			return LocalTime.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("Not a time of day such as 08:00: " + text, ex);
		}
	}
}
