package org.homeroom.directory;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.homeroom.shared.PhoneNumber;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The school offices a family may call, with each phone written as it is dialled in the district's
 * region ({@code homeroom.directory.default-region}): what a message tells a family whose language
 * no engine serves, so that "call your school office" comes with the number. Offices without a
 * recorded phone are left out. Public facts (as on the sign-in page), so no policy applies and
 * nothing is logged.
 */
@Service
public class OfficePhones {

	private final Directory directory;

	private final GuardianPhones phones;

	private final DirectorySettings settings;

	OfficePhones(Directory directory, GuardianPhones phones, DirectorySettings settings) {
		this.directory = directory;
		this.phones = phones;
		this.settings = settings;
	}

	/** The offices of the given schools that have a phone, by name, the phone formatted for display. */
	@Transactional(readOnly = true)
	public List<SchoolOffice> ofSchools(Collection<UUID> schoolIds) {
		return directory.offices(schoolIds).stream().filter(office -> office.phone() != null && !office.phone().isBlank())
			.map(office -> new SchoolOffice(office.id(), office.name(),
					PhoneNumber.forDisplay(office.phone(), settings.defaultRegion())))
			.toList();
	}

	/** The offices of the schools the guardians' children attend today, as {@link #ofSchools}. */
	@Transactional(readOnly = true)
	public List<SchoolOffice> ofChildrenOf(Collection<UUID> guardianIds) {
		return ofSchools(phones.schoolsOfChildren(guardianIds));
	}
}
