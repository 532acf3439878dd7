package org.homeroom.directory;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What staff send to add or correct directory records by hand, between SIS syncs. Every text and
 * list has a limit (a contact list of 20, an e-mail address of 254 characters as RFC 5321 allows,
 * a phone number of 40, a BCP 47 tag of 35), which the API states and answers 400 beyond.
 */
public final class DirectoryCommands {

	private DirectoryCommands() {
	}

	public record NewStudent(@NotBlank @Size(max = 100) String givenName, @NotBlank @Size(max = 100) String familyName,
			@NotNull UUID schoolId, @NotBlank @Size(max = 20) String grade, @NotNull LocalDate enrolledFrom) {
	}

	public record NewGuardian(@NotBlank @Size(max = 100) String givenName, @NotBlank @Size(max = 100) String familyName,
			@Size(max = 20) List<@Size(max = 254) String> emails, @Size(max = 20) List<@Size(max = 40) String> phones,
			@Size(max = 35) String preferredLanguage, @Size(max = 10) List<Channel> preferredChannels,
			@Size(max = 200) String bestTimes) {
	}

	/** A partial change: fields left null stay as they are. */
	public record GuardianChanges(@Size(min = 1, max = 100) String givenName, @Size(min = 1, max = 100) String familyName,
			@Size(max = 20) List<@Size(max = 254) String> emails, @Size(max = 20) List<@Size(max = 40) String> phones,
			@Size(max = 35) String preferredLanguage, @Size(max = 10) List<Channel> preferredChannels,
			@Size(max = 200) String bestTimes) {
	}

	public record NewGuardianship(@NotNull UUID guardianId, @NotNull Relationship relationship, Boolean livesWith,
			Boolean emergencyContact, Boolean educationalRights) {
	}

	public record NewRestriction(@NotNull RestrictionType type, @NotNull LocalDate from, LocalDate until,
			@NotBlank @Size(max = 200) String source) {
	}

	public enum ContactKind {
		EMAIL, PHONE
	}

	/** How a family prefers to hear from school. */
	public enum Channel {
		IN_APP, EMAIL, SMS
	}

	public record LiftRestriction(@Size(max = 500) String note) {
	}

	public enum Relationship {
		PARENT, GUARDIAN, STEP_PARENT, GRANDPARENT, RELATIVE, FOSTER_PARENT, OTHER
	}

	public enum RestrictionType {
		NO_CONTACT, NO_RECORDS, NO_PICKUP
	}

	public record GuardianshipView(UUID guardianId, UUID studentId, Relationship relationship, boolean livesWith,
			boolean emergencyContact, boolean educationalRights) {
	}

	/** A restriction as recorded; {@code lifted} says someone lifted it by hand, so it is not in force. */
	public record RestrictionView(UUID id, UUID guardianId, UUID studentId, RestrictionType type, LocalDate from,
			LocalDate until, String source, String origin, boolean inForce, boolean lifted) {
	}
}
