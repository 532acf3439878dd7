package org.homeroom.directory.oneroster;

import java.util.List;
import java.util.Set;

/**
 * The OneRoster CSV files Homeroom reads, their columns as the 1.1 and 1.2 specifications name
 * them, and how each lands in its staging table. Columns are found by header name, in any order.
 * Columns the specification defines but Homeroom does not use are known (so they raise no
 * warning) but not staged; {@code metadata.*} columns are extensions and are always allowed.
 */
enum RosterFile {

	ORGS("orgs", List.of(
			Column.id(),
			Column.status(),
			Column.modified(),
			Column.text("name", "name").required(),
			Column.choice("type", "type", "school", "local", "state", "national", "district", "department").required(),
			Column.known("identifier"),
			Column.text("parentSourcedId", "parent_sourced_id"))),

	ACADEMIC_SESSIONS("academicSessions", List.of(
			Column.id(),
			Column.status(),
			Column.modified(),
			Column.text("title", "title").required(),
			Column.choice("type", "type", "gradingPeriod", "semester", "schoolYear", "term").required(),
			Column.date("startDate", "start_date").required(),
			Column.date("endDate", "end_date").required(),
			Column.text("parentSourcedId", "parent_sourced_id"),
			Column.text("schoolYear", "school_year").required())),

	COURSES("courses", List.of(
			Column.id(),
			Column.status(),
			Column.modified(),
			Column.text("schoolYearSourcedId", "school_year_sourced_id"),
			Column.text("title", "title").required(),
			Column.text("courseCode", "course_code"),
			Column.known("grades"),
			Column.text("orgSourcedId", "org_sourced_id").required(),
			Column.known("subjects"),
			Column.known("subjectCodes"),
			Column.known("resourceSourcedIds"))),

	CLASSES("classes", List.of(
			Column.id(),
			Column.status(),
			Column.modified(),
			Column.text("title", "title").required(),
			Column.known("grades"),
			Column.text("courseSourcedId", "course_sourced_id").required(),
			Column.known("classCode"),
			Column.choice("classType", "class_type", "homeroom", "scheduled").required(),
			Column.known("location"),
			Column.text("schoolSourcedId", "school_sourced_id").required(),
			Column.text("termSourcedIds", "term_sourced_ids").required(),
			Column.known("subjects"),
			Column.known("subjectCodes"),
			Column.known("periods"),
			Column.known("resources"),
			Column.known("resourceSourcedIds"))),

	USERS("users", List.of(
			Column.id(),
			Column.status(),
			Column.modified(),
			Column.bool("enabledUser", "enabled_user").required(),
			Column.text("orgSourcedIds", "org_sourced_ids").requiredIn("1.1"),
			Column.choice("role", "role", Column.ROLES).requiredIn("1.1"),
			Column.text("username", "username").required(),
			Column.known("userIds"),
			Column.text("givenName", "given_name").required(),
			Column.text("familyName", "family_name").required(),
			Column.known("middleName"),
			Column.known("identifier"),
			Column.of("email", "email", Column.Type.EMAIL),
			Column.of("sms", "sms", Column.Type.PHONE),
			Column.of("phone", "phone", Column.Type.PHONE),
			Column.text("agentSourcedIds", "agent_sourced_ids"),
			Column.of("grades", "grade", Column.Type.GRADE),
			Column.known("password"),
			Column.known("userMasterIdentifier"),
			Column.known("resourceSourcedIds"),
			Column.known("preferredGivenName"),
			Column.known("preferredMiddleName"),
			Column.known("preferredFamilyName"),
			Column.text("primaryOrgSourcedId", "primary_org_sourced_id"),
			Column.known("pronouns"),
			Column.of("metadata.language", "language", Column.Type.LANGUAGE))),

	ROLES("roles", List.of(
			Column.id(),
			Column.status(),
			Column.modified(),
			Column.text("userSourcedId", "user_sourced_id").required(),
			Column.choice("roleType", "role_type", "primary", "secondary").required(),
			Column.choice("role", "role", Column.ROLES).required(),
			Column.date("beginDate", "begin_date"),
			Column.date("endDate", "end_date"),
			Column.text("orgSourcedId", "org_sourced_id").required(),
			Column.known("userProfileSourcedId"))),

	ENROLLMENTS("enrollments", List.of(
			Column.id(),
			Column.status(),
			Column.modified(),
			Column.text("classSourcedId", "class_sourced_id").required(),
			Column.text("schoolSourcedId", "school_sourced_id").required(),
			Column.text("userSourcedId", "user_sourced_id").required(),
			Column.choice("role", "role", Column.ROLES).required(),
			Column.bool("primary", "is_primary"),
			Column.date("beginDate", "begin_date"),
			Column.date("endDate", "end_date"))),

	DEMOGRAPHICS("demographics", List.of(
			Column.id(),
			Column.status(),
			Column.modified(),
			Column.date("birthDate", "birth_date"),
			Column.choice("sex", "sex", "male", "female", "other", "unspecified"),
			Column.bool("americanIndianOrAlaskaNative", "american_indian"),
			Column.bool("asian", "asian"),
			Column.bool("blackOrAfricanAmerican", "black"),
			Column.bool("nativeHawaiianOrOtherPacificIslander", "pacific_islander"),
			Column.bool("white", "white"),
			Column.bool("demographicRaceTwoOrMoreRaces", "two_or_more"),
			Column.bool("hispanicOrLatinoEthnicity", "hispanic"),
			Column.known("countryOfBirthCode"),
			Column.known("stateOfBirthAbbreviation"),
			Column.known("cityOfBirth"),
			Column.known("publicSchoolResidenceStatus")));

	/** Files of the specifications that Homeroom has no use for: read past with a warning. */
	static final Set<String> UNUSED = Set.of("categories", "classResources", "courseResources", "lineItems",
			"resources", "results", "scoreScales", "userProfiles", "userResources", "lineItemLearningObjectiveIds",
			"lineItemScoreScales", "resultLearningObjectiveIds", "resultScoreScales");

	private final String name;

	private final List<Column> columns;

	RosterFile(String name, List<Column> columns) {
		this.name = name;
		this.columns = columns;
	}

	/** The name in the manifest ({@code file.users}), and of the file less {@code .csv}. */
	String manifestName() {
		return name;
	}

	String fileName() {
		return name + ".csv";
	}

	String stageTable() {
		return "stage_" + name().toLowerCase(java.util.Locale.ROOT);
	}

	List<Column> columns() {
		return columns;
	}

	/** Roles were given their own file in 1.2. */
	boolean inVersion(String version) {
		return this != ROLES || version.equals("1.2");
	}

	/** The staging table, temporary and gone at the end of the import's transaction. */
	String stageDefinition() {
		StringBuilder sql = new StringBuilder("create temporary table " + stageTable() + " (line int not null");
		for (Column column : columns) {
			for (String stage : column.stageColumns()) {
				sql.append(", ").append(stage).append(' ').append(column.sqlType());
			}
		}
		return sql.append(") on commit drop").toString();
	}
}
