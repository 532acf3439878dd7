package org.homeroom.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.homeroom.platform.NotFoundException;
import org.homeroom.shared.StaffRoles;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;

/** Whether a caller counts as staff, and how someone who does not is refused. */
class ViewerTests {

	@Test
	void aFamilyIsRefusedStaffListsOutrightAndStaffRecordsAsIfTheyDidNotExist() {
		Viewer family = Viewer.guardian(UUID.randomUUID());

		assertThat(family.staff()).isFalse();
		assertThatThrownBy(() -> family.requireStaff("for staff")).isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> family.requireStaffFor("student")).isInstanceOf(NotFoundException.class);
	}

	@Test
	void aPartnerWithAStaffRecordIsStillNotStaff() {
		Viewer partner = new Viewer("Partner@Clinic.example", Set.of("PARTNER"), false,
				Optional.of(UUID.randomUUID()), Set.of());

		assertThat(partner.staff()).isFalse();
		assertThat(partner.name()).isEqualTo("partner@clinic.example");
	}

	@Test
	void everyStaffRoleCountsAndTheSchoolsRolesAreTheStaffRolesButDistrictAdministration() {
		for (String role : StaffRoles.ALL) {
			Viewer viewer = new Viewer("someone@district.test", Set.of(role), false, Optional.empty(), Set.of());
			assertThat(viewer.requireStaffFor("student").hasRole(role)).as(role).isTrue();
		}
		assertThat(StaffAdministration.SCHOOL_ROLES).doesNotContain("DISTRICT_ADMIN")
			.containsExactlyInAnyOrder("SCHOOL_ADMIN", "TEACHER", "COUNSELOR", "FAMILY_LIAISON", "ATTENDANCE_OFFICER");
	}
}
