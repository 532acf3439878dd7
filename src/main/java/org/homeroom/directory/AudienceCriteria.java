package org.homeroom.directory;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.Size;

/**
 * Whose families a message is for. The parts combine with AND; the values within one part with
 * OR; an empty part does not narrow. {@code programs} are {@code ENGLISH_LEARNER}, {@code IEP}
 * and {@code SECTION_504}; {@code languages} are the guardians' preferred languages (BCP 47,
 * matched on the language, so "es" takes "es-MX"). {@code filters} are those other modules add
 * (an attendance tier, an event's RSVPs), by name, each with the values it keeps. Each part has a
 * limit on its size (a thousand ids, fifty grades or languages) that the API states and enforces.
 */
public record AudienceCriteria(Boolean district, @Size(max = 1000) Set<UUID> schoolIds,
		@Size(max = 50) Set<@Size(max = 20) String> grades, @Size(max = 1000) Set<UUID> classIds,
		@Size(max = 1000) Set<UUID> studentIds, @Size(max = 50) Set<@Size(max = 35) String> languages,
		@Size(max = 10) Set<@Size(max = 40) String> programs,
		@Size(max = MAX_FILTERS) Map<@Size(max = 100) String,
				@Size(max = MAX_FILTER_VALUES) Set<@Size(max = MAX_FILTER_VALUE_LENGTH) String>> filters) {

	static final int MAX_FILTERS = 20;

	static final int MAX_FILTER_VALUES = 1000;

	static final int MAX_FILTER_VALUE_LENGTH = 200;

	public static final Set<String> PROGRAMS = Set.of("ENGLISH_LEARNER", "IEP", "SECTION_504");

	public AudienceCriteria {
		district = Boolean.TRUE.equals(district);
		schoolIds = schoolIds == null ? Set.of() : Set.copyOf(schoolIds);
		grades = grades == null ? Set.of() : Set.copyOf(grades);
		classIds = classIds == null ? Set.of() : Set.copyOf(classIds);
		studentIds = studentIds == null ? Set.of() : Set.copyOf(studentIds);
		languages = languages == null ? Set.of() : Set.copyOf(languages);
		programs = programs == null ? Set.of() : Set.copyOf(programs);
		filters = filters == null ? Map.of() : Map.copyOf(filters);
	}

	public AudienceCriteria(Boolean district, Set<UUID> schoolIds, Set<String> grades, Set<UUID> classIds,
			Set<UUID> studentIds, Set<String> languages, Set<String> programs) {
		this(district, schoolIds, grades, classIds, studentIds, languages, programs, null);
	}

	/** Whether it names whom to reach at all: the district, or some schools, classes or students. */
	public boolean reachesAnyone() {
		return district || !schoolIds.isEmpty() || !classIds.isEmpty() || !studentIds.isEmpty() || !grades.isEmpty();
	}
}
