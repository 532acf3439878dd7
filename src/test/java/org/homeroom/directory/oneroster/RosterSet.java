package org.homeroom.directory.oneroster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The project's own OneRoster 1.1 set, written for these tests: Riverside Unified, one middle
 * school, a fall term, one class taught by Ana Rivera, and twelve students each with one parent
 * (who prefers Spanish). Tests change a file or a line and write the set to a folder or a zip.
 */
public final class RosterSet {

	static final int STUDENTS = 12;

	static final String USERS_HEADER = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
			+ "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,metadata.language";

	private final Map<String, List<String>> files = new LinkedHashMap<>();

	private final Map<String, String> lineEndings = new LinkedHashMap<>();

	private final List<String> byteOrderMarks = new ArrayList<>();

	public static RosterSet riverside() {
		RosterSet set = new RosterSet();
		set.files.put("manifest.csv", new ArrayList<>(List.of("propertyName,value", "manifest.version,1.0",
				"oneroster.version,1.1", "file.academicSessions,bulk", "file.categories,absent", "file.classes,bulk",
				"file.classResources,absent", "file.courses,bulk", "file.courseResources,absent",
				"file.demographics,bulk", "file.enrollments,bulk", "file.lineItems,absent", "file.orgs,bulk",
				"file.resources,absent", "file.results,absent", "file.users,bulk", "source.systemName,Riverside SIS")));
		set.files.put("orgs.csv", new ArrayList<>(List.of("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId",
				"d1,,,Riverside Unified,district,,", "s1,,,Lincoln Middle School,school,,d1")));
		set.files.put("academicSessions.csv", new ArrayList<>(List.of(
				"sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear",
				"y2027,,,2026-2027,schoolYear,2026-08-20,2027-06-10,,2027",
				"f2026,,,Fall 2026,semester,2026-08-20,2026-12-18,y2027,2027")));
		set.files.put("courses.csv", new ArrayList<>(List.of(
				"sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes",
				"c-math7,,,y2027,Math 7,MATH7,07,s1,,")));
		set.files.put("classes.csv", new ArrayList<>(List.of(
				"sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods",
				"k-math7a,,,Math 7 A,07,c-math7,M7A,scheduled,,s1,f2026,,,")));
		List<String> users = new ArrayList<>(List.of(USERS_HEADER,
				"t1,,,true,s1,teacher,arivera,,Ana,Rivera,,,ana.rivera@riverside.test,,,,,,"));
		List<String> enrollments = new ArrayList<>(List.of(
				"sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate",
				"e-t1,,,k-math7a,s1,t1,teacher,true,2026-08-20,2026-12-18"));
		List<String> demographics = new ArrayList<>(List.of(
				"sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,"
						+ "nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity,"
						+ "countryOfBirthCode,stateOfBirthAbbreviation,cityOfBirth,publicSchoolResidenceStatus"));
		for (int i = 1; i <= STUDENTS; i++) {
			String n = String.format("%02d", i);
			users.add(student(n));
			users.add("g" + n + ",,,true,s1,parent,g" + n + ",,Parent" + n + ",Family" + n + ",,,parent" + n
					+ "@example.test,,(202) 555-01" + n + ",st" + n + ",,,es");
			enrollments.add("e-st" + n + ",,,k-math7a,s1,st" + n + ",student,false,2026-08-20,2026-12-18");
			demographics.add("st" + n + ",,,2013-04-" + n + ",female,false,false,false,false,true,false,true,,,,");
		}
		set.files.put("users.csv", users);
		set.files.put("enrollments.csv", enrollments);
		set.files.put("demographics.csv", demographics);
		return set;
	}

	static String student(String n) {
		return "st" + n + ",,,true,s1,student,st" + n + ",,Student" + n + ",Family" + n + ",,,,,,g" + n + ",07,,";
	}

	/** Changes the lines of one file. */
	RosterSet change(String file, UnaryOperator<List<String>> change) {
		files.put(file, new ArrayList<>(change.apply(new ArrayList<>(files.get(file)))));
		return this;
	}

	/** Replaces the line that starts with the given text (a sourcedId and comma, say). */
	RosterSet replaceLine(String file, String startingWith, String line) {
		return change(file, lines -> {
			lines.replaceAll(existing -> existing.startsWith(startingWith) ? line : existing);
			return lines;
		});
	}

	RosterSet removeLines(String file, String... startingWith) {
		return change(file, lines -> {
			lines.removeIf(line -> java.util.Arrays.stream(startingWith).anyMatch(line::startsWith));
			return lines;
		});
	}

	RosterSet withCrlf(String file) {
		lineEndings.put(file, "\r\n");
		return this;
	}

	RosterSet withByteOrderMark(String file) {
		byteOrderMarks.add(file);
		return this;
	}

	Path writeTo(Path folder) {
		try {
			Files.createDirectories(folder);
			for (var file : files.entrySet()) {
				String ending = lineEndings.getOrDefault(file.getKey(), "\n");
				String text = (byteOrderMarks.contains(file.getKey()) ? "\uFEFF" : "")
						+ String.join(ending, file.getValue()) + ending;
				Files.writeString(folder.resolve(file.getKey()), text, StandardCharsets.UTF_8);
			}
			return folder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public byte[] zip() {
		try {
			var bytes = new java.io.ByteArrayOutputStream();
			try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
				for (var file : files.entrySet()) {
					zip.putNextEntry(new ZipEntry("riverside/" + file.getKey()));
					zip.write((String.join("\n", file.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
					zip.closeEntry();
				}
			}
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Records an import as running and at the given phase (a {@link RosterImporter.Phase}'s name),
	 * as a node in the middle of one would.
	 */
	public static UUID runningImport(JdbcClient jdbc, String phase) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into directory.roster_import (id, started_at, heartbeat_at, status, dry_run, forced, source_name, started_by, phase)
				values (?, now(), now(), 'RUNNING', false, false, 'nightly.zip', 'scheduled sync', ?)""")
			.params(id, phase)
			.update();
		return id;
	}

	/**
	 * Empties what imports write, before and after each test: the import tests share a database
	 * with other tests of the same context.
	 */
	static void clearDirectory(JdbcClient jdbc) {
		jdbc.sql("""
				truncate directory.roster_import, directory.section_teacher, directory.section_enrolment, directory.section,
				  directory.course, directory.term, directory.school_year, directory.restriction_audit, directory.restriction,
				  directory.guardianship, directory.family_edit, directory.contact_point, directory.guardian,
				  directory.student_demographics, directory.enrolment, directory.student, directory.staff_assignment,
				  directory.staff, directory.school, directory.district cascade""").update();
	}
}
