package org.homeroom.directory;

import java.util.List;

/**
 * Several reads of student records made for one page ({@link Disclosures#together}), reported as
 * one event: the access log writes the same rows as for each read reported alone, one per student
 * per read, for one event publication and one listener's commits instead of one for each read.
 *
 * @param reads the reads, in the order they were made
 */
public record StudentRecordsAccessedTogether(List<StudentRecordsAccessed> reads) {

	public StudentRecordsAccessedTogether {
		reads = List.copyOf(reads);
	}
}
