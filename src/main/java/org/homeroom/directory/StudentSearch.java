package org.homeroom.directory;

import java.util.List;
import java.util.UUID;

/** A search over students, and one page of its answer. Every field of the criteria is optional. */
public final class StudentSearch {

	public static final int PAGE_SIZE = 25;

	private StudentSearch() {
	}

	/**
	 * @param sectionId students enrolled in this class today
	 * @param language students with a guardian who prefers this language (its primary subtag)
	 * @param size page size
	 */
	public record Criteria(UUID schoolId, String grade, String q, UUID sectionId, String language, int page, int size) {

		public Criteria {
			page = Math.max(page, 0);
			size = size <= 0 ? PAGE_SIZE : size;
			q = q == null ? "" : q.strip();
			language = language == null || language.isBlank() ? null : language.strip();
		}

		public Criteria(UUID schoolId, String grade, String q, int page) {
			this(schoolId, grade, q, null, null, page, PAGE_SIZE);
		}

		String describe() {
			return "schoolId=" + orEmpty(schoolId) + "&grade=" + orEmpty(grade) + "&q=" + q + "&classId="
					+ orEmpty(sectionId) + "&language=" + orEmpty(language) + "&page=" + page;
		}

		private static String orEmpty(Object value) {
			return value == null ? "" : value.toString();
		}
	}

	public record Summary(UUID id, String givenName, String familyName, String grade, UUID schoolId) {
	}

	public record Page(List<Summary> items, int page, int size, long total) {
	}
}
