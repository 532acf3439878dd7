package org.homeroom.messaging.conversations;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.homeroom.directory.Audiences;
import org.homeroom.directory.ConversationParties;
import org.homeroom.directory.Directory;
import org.homeroom.directory.Viewer;
import org.springframework.stereotype.Component;

/**
 * How a caller stands towards a thread, decided by the directory's one policy each time:
 * <ul>
 * <li>the member of staff it is addressed to, or for a thread to the office a school administrator
 * or family liaison of its school, while they may see the student: the STAFF side;</li>
 * <li>one of its guardians who may see the student (educational rights, no no-records
 * restriction) and may be contacted about them (no no-contact restriction): the GUARDIAN side;</li>
 * <li>a district administrator otherwise: OVERSIGHT, reading only, and every read logged.</li>
 * </ul>
 * Anyone else stands nowhere, and the thread answers 404 as if it did not exist.
 */
@Component
class ConversationAccess {

	static final String STAFF = "STAFF";

	static final String GUARDIAN = "GUARDIAN";

	static final String OVERSIGHT = "OVERSIGHT";

	/** The caller's side, and for a family the guardian they act as in this thread. */
	record Standing(String side, UUID guardianId) {

		boolean participant() {
			return !OVERSIGHT.equals(side);
		}

		String otherSide() {
			return STAFF.equals(side) ? GUARDIAN : STAFF;
		}
	}

	private final Directory directory;

	private final Audiences audiences;

	private final ConversationParties parties;

	ConversationAccess(Directory directory, Audiences audiences, ConversationParties parties) {
		this.directory = directory;
		this.audiences = audiences;
		this.parties = parties;
	}

	Optional<Standing> standing(Viewer viewer, ConversationStore.Row thread) {
		if (viewer.staffId().isPresent() && viewer.staff() && answersFor(viewer.staffId().get(), thread)
				&& directory.canSee(viewer, thread.studentId())) {
			return Optional.of(new Standing(STAFF, null));
		}
		Optional<UUID> guardian = thread.guardians().stream().filter(viewer.guardianIds()::contains)
			.filter(candidate -> mayConverse(candidate, thread.studentId())).findFirst();
		if (guardian.isPresent() && !viewer.staff()) {
			return Optional.of(new Standing(GUARDIAN, guardian.get()));
		}
		if (viewer.districtAdmin()) {
			return Optional.of(new Standing(OVERSIGHT, null));
		}
		return Optional.empty();
	}

	/** Whether the member of staff answers this thread: addressed to them, or to an office they work in. */
	boolean answersFor(UUID staffId, ConversationStore.Row thread) {
		return staffId.equals(thread.staffId()) || "OFFICE".equals(thread.addressedTo())
				&& parties.holdsRoleAt(staffId, thread.schoolId(), ConversationParties.OFFICE_ROLES);
	}

	/**
	 * Whether a guardian may take part in a conversation about the student now: they may see the
	 * student's records and no no-contact restriction is in force between them.
	 */
	boolean mayConverse(UUID guardianId, UUID studentId) {
		return directory.canSee(Viewer.guardian(guardianId), studentId)
				&& audiences.guardiansToContactAbout(studentId).contains(guardianId);
	}

	/** Those of the thread's guardians who may be written to now. */
	List<UUID> reachableGuardians(ConversationStore.Row thread) {
		List<UUID> contactable = audiences.guardiansToContactAbout(thread.studentId());
		return thread.guardians().stream().filter(contactable::contains)
			.filter(guardian -> directory.canSee(Viewer.guardian(guardian), thread.studentId())).toList();
	}

	/** Every guardian of the student who may take part in a conversation about them now: a shared thread's members. */
	List<UUID> guardiansWhoMayConverse(UUID studentId) {
		return audiences.guardiansToContactAbout(studentId).stream()
			.filter(guardian -> directory.canSee(Viewer.guardian(guardian), studentId)).toList();
	}

	/** The threads a list for this caller may hold, before the student check. */
	ConversationStore.Scope scope(Viewer viewer) {
		if (viewer.staff()) {
			UUID staff = viewer.staffId().orElse(null);
			List<UUID> offices = staff == null ? List.of() : parties.schoolsWhereRole(staff, ConversationParties.OFFICE_ROLES);
			return new ConversationStore.Scope(false, staff, offices, List.of());
		}
		return new ConversationStore.Scope(false, null, List.of(), viewer.guardianIds());
	}

	/** The district-wide scope of an administrator's oversight. */
	static ConversationStore.Scope everything() {
		return new ConversationStore.Scope(true, null, List.of(), List.of());
	}
}
