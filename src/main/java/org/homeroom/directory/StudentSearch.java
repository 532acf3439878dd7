package org.homeroom.directory;

import java.util.List;
import java.util.UUID;

/** A search over students, and one page of its answer. Every field of the criteria is optional. */
public final class StudentSearch {

	public static final int PAGE_SIZE = 25;

	private StudentSearch() {
	}

	public record Criteria(UUID schoolId, String grade, String q, int page) {

		public Criteria {
			page = Math.max(page, 0);
			q = q == null ? "" : q.strip();
		}

		String describe() {
			return "schoolId=" + (schoolId == null ? "" : schoolId) + "&grade=" + (grade == null ? "" : grade) + "&q=" + q
					+ "&page=" + page;
		}
	}

	public record Summary(UUID id, String givenName, String familyName, String grade, UUID schoolId) {
	}

	public record Page(List<Summary> items, int page, int size, long total) {

		public boolean hasNext() {
			return (long) (page + 1) * size < total;
		}
	}
}
