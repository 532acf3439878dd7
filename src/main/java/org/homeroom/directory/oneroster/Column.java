package org.homeroom.directory.oneroster;

import java.util.List;
import java.util.Set;

/**
 * One column of a OneRoster file: its header, the staging column(s) it fills (none for a column
 * that is only known), in which versions it must be present with a value, and how its values are
 * read.
 */
record Column(String header, String stage, Type type, Set<String> requiredIn, List<String> choices) {

	static final Set<String> ALL_VERSIONS = Set.of("1.1", "1.2");

	/** The role enumerations of 1.1 (users, enrollments) and 1.2 (roles), in one list. */
	static final String[] ROLES = { "administrator", "aide", "counselor", "districtAdministrator", "guardian",
			"parent", "principal", "proctor", "relative", "siteAdministrator", "student", "systemAdministrator",
			"teacher" };

	enum Type {
		TEXT, CHOICE, BOOLEAN, DATE, DATE_TIME, EMAIL, PHONE, GRADE, LANGUAGE, KNOWN
	}

	static Column of(String header, String stage, Type type) {
		return new Column(header, stage, type, Set.of(), List.of());
	}

	static Column text(String header, String stage) {
		return of(header, stage, Type.TEXT);
	}

	static Column id() {
		return text("sourcedId", "sourced_id").required();
	}

	static Column status() {
		return choice("status", "status", "active", "tobedeleted");
	}

	/** Validated (a bare date is tolerated), not kept. */
	static Column modified() {
		return new Column("dateLastModified", null, Type.DATE_TIME, Set.of(), List.of());
	}

	static Column date(String header, String stage) {
		return of(header, stage, Type.DATE);
	}

	static Column bool(String header, String stage) {
		return new Column(header, stage, Type.BOOLEAN, Set.of(), List.of("true", "false"));
	}

	static Column choice(String header, String stage, String... choices) {
		return new Column(header, stage, Type.CHOICE, Set.of(), List.of(choices));
	}

	static Column known(String header) {
		return new Column(header, null, Type.KNOWN, Set.of(), List.of());
	}

	Column required() {
		return new Column(header, stage, type, ALL_VERSIONS, choices);
	}

	Column requiredIn(String version) {
		return new Column(header, stage, type, Set.of(version), choices);
	}

	boolean isRequiredIn(String version) {
		return requiredIn.contains(version);
	}

	/** A phone is staged with whether it is a valid number, so that a channel will not send to it. */
	List<String> stageColumns() {
		if (stage == null) {
			return List.of();
		}
		return type == Type.PHONE ? List.of(stage, stage + "_valid") : List.of(stage);
	}

	String sqlType() {
		return switch (type) {
			case DATE -> "date";
			default -> "text";
		};
	}
}
