package org.homeroom.directory;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What anyone may know about the district before signing in: its name, and how to reach its
 * schools' offices. Public facts, so no policy applies and nothing is logged.
 */
@Service
public class DistrictProfile {

	private final JdbcClient jdbc;

	private final Directory directory;

	DistrictProfile(JdbcClient jdbc, Directory directory) {
		this.jdbc = jdbc;
		this.directory = directory;
	}

	/** The district's name, once a roster or the demo has recorded one. */
	@Transactional(readOnly = true)
	public Optional<String> name() {
		return jdbc.sql("select name from directory.district").query(String.class).optional();
	}

	/** Every open school's office, by name; a school without a recorded phone is left out. */
	@Transactional(readOnly = true)
	public List<SchoolOffice> offices() {
		return directory.offices(directory.schools().stream().map(SchoolView::id).toList()).stream()
			.filter(office -> office.phone() != null && !office.phone().isBlank())
			.toList();
	}
}
