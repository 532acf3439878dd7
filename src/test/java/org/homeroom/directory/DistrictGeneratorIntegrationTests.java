package org.homeroom.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.homeroom.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class DistrictGeneratorIntegrationTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Test
	void theSameSeedGivesTheSameDistrict() {
		assertThat(generate(7)).isEqualTo(generate(7)).hasSize(60);
		assertThat(generate(7)).isNotEqualTo(generate(8));
	}

	/** Generates a small district in a transaction that is rolled back, and lists the students it made. */
	private List<String> generate(long seed) {
		String students = "select id || ' ' || given_name || ' ' || family_name || ' ' || grade from directory.student order by id";
		return transaction.execute(status -> {
			List<String> before = jdbc.queryForList(students, String.class);
			new DistrictGenerator(jdbc, seed, LocalDate.of(2026, 11, 23)).generate(60, List.of());
			List<String> generated = jdbc.queryForList(students, String.class);
			generated.removeAll(before);
			status.setRollbackOnly();
			return generated;
		});
	}
}
