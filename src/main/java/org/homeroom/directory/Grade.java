package org.homeroom.directory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Grades as OneRoster codes them: IT (infant/toddler), PR (preschool), PK, TK, KG, 01 to 13, PS
 * (post-secondary), UG (ungraded), Other. Accepts "1" for "01" and any case.
 */
public final class Grade {

	static final List<String> CODES = List.of("IT", "PR", "PK", "TK", "KG", "01", "02", "03", "04", "05", "06", "07",
			"08", "09", "10", "11", "12", "13", "PS", "UG", "Other");

	private Grade() {
	}

	public static Optional<String> normalise(String input) {
		if (input == null || input.isBlank()) {
			return Optional.empty();
		}
		String value = input.strip();
		if (value.matches("\\d{1,2}")) {
			value = String.format(Locale.ROOT, "%02d", Integer.parseInt(value));
		}
		String candidate = value;
		return CODES.stream().filter(code -> code.equalsIgnoreCase(candidate)).findFirst();
	}
}
