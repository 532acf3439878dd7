package org.homeroom.directory.oneroster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.homeroom.directory.Grade;
import org.homeroom.shared.EmailAddress;
import org.homeroom.shared.LanguageTag;
import org.homeroom.shared.PhoneNumber;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Reads one OneRoster file a record at a time and streams it into its staging table with
 * {@code COPY}, so that memory stays flat however large the file. Each value is read as its
 * column's type on the way: tolerated variations become warnings, unreadable values errors
 * naming file, line and column. References between records are checked later, in SQL.
 */
final class Stager {

	private static final int FLUSH_AT = 1 << 16;

	/**
	 * No roster value (an id, a name, an address) comes near this; longer ones are refused, since
	 * a value indexed beside others must fit PostgreSQL's 2,704-byte limit for a B-tree entry,
	 * and 500 characters of UTF-8 take at most 2,000 bytes.
	 */
	static final int LONGEST_VALUE = 500;

	/**
	 * The most characters one record (a line, or several when a quoted value holds line breaks)
	 * may take. The widest file, users.csv, has 26 columns: at 500 characters each a record is
	 * 13,000; this leaves room for the columns Homeroom does not read, and stops a record of
	 * gigabytes long before it fills the memory.
	 */
	static final int LONGEST_RECORD = 1_000_000;

	private static final Pattern BARE_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private final CopyManager copy;

	private final Issues issues;

	private final String version;

	private final String defaultRegion;

	Stager(CopyManager copy, Issues issues, String version, String defaultRegion) {
		this.copy = copy;
		this.issues = issues;
		this.version = version;
		this.defaultRegion = defaultRegion;
	}

	/** @return the number of data rows staged */
	long stage(RosterFile file, Path path) throws IOException, SQLException {
		String name = file.fileName();
		try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
			reader.mark(1);
			if (reader.read() != '\uFEFF') {
				reader.reset();
			}
			else {
				issues.warn(name, 1, null, "byte-order-mark");
			}
			return stage(file, name, path, new BoundedCsvReader(reader, LONGEST_RECORD));
		}
		catch (CharacterCodingException ex) {
			// Its first characters are not UTF-8: the decoder reads ahead, so it fails before a record is read.
			notUtf8(name, path);
			return 0;
		}
	}

	private long stage(RosterFile file, String name, Path path, BoundedCsvReader reader)
			throws IOException, SQLException {
		CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
		try (CSVParser parser = CSVParser.parse(reader, format)) {
			var records = parser.iterator();
			if (!records.hasNext()) {
				issues.error(name, 1, null, "empty-file");
				return 0;
			}
			List<String> header = records.next().toList().stream().map(String::strip).toList();
			reader.nextRecord();
			if ("\r\n".equals(parser.getFirstEndOfLine())) {
				issues.warn(name, 1, null, "crlf");
			}
			int width = header.size();
			while (width > 0 && header.get(width - 1).isEmpty()) {
				width--;
			}
			if (width < header.size()) {
				issues.warn(name, 1, null, "header-ends-empty");
			}
			Map<String, Integer> positions = positions(name, header.subList(0, width));
			List<Column> present = new ArrayList<>();
			List<Integer> at = new ArrayList<>();
			for (Column column : file.columns()) {
				Integer position = positions.get(column.header());
				if (position == null) {
					if (column.isRequiredIn(version)) {
						issues.error(name, 1, column.header(), "required-column-missing");
					}
					continue;
				}
				present.add(column);
				at.add(position);
			}
			warnOfExtraColumns(file, name, positions);

			List<String> stageColumns = new ArrayList<>(List.of("line"));
			file.columns().forEach(column -> stageColumns.addAll(column.stageColumns()));
			CopyIn in = copy.copyIn("copy " + file.stageTable() + " (" + String.join(", ", stageColumns) + ") from stdin");
			long rows = 0;
			int line = 1;
			try {
				StringBuilder buffer = new StringBuilder(FLUSH_AT + 1024);
				Map<String, String> values = new HashMap<>();
				while (true) {
					CSVRecord record;
					try {
						if (!records.hasNext()) {
							break;
						}
						record = records.next();
					}
					catch (UncheckedIOException ex) {
						// What was staged so far stays, so that the COPY ends cleanly and the transaction
						// goes on to list every other defect; the error rejects the import.
						unreadable(name, line + 1, path, ex);
						break;
					}
					reader.nextRecord();
					line = (int) record.getRecordNumber();
					if (record.size() == 1 && record.get(0).isBlank() && width > 1) {
						continue;
					}
					checkWidth(name, line, record, width);
					values.clear();
					for (int i = 0; i < present.size(); i++) {
						int position = at.get(i);
						read(name, line, present.get(i), position < record.size() ? record.get(position) : "", values);
					}
					buffer.append(line);
					for (int i = 1; i < stageColumns.size(); i++) {
						buffer.append('\t');
						appendCopyValue(buffer, values.get(stageColumns.get(i)));
					}
					buffer.append('\n');
					rows++;
					if (buffer.length() >= FLUSH_AT) {
						byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
						in.writeToCopy(bytes, 0, bytes.length);
						buffer.setLength(0);
					}
				}
				byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
				in.writeToCopy(bytes, 0, bytes.length);
				in.endCopy();
			}
			finally {
				if (in.isActive()) {
					in.cancelCopy();
				}
			}
			return rows;
		}
		catch (UncheckedIOException ex) {
			unreadable(name, 1, path, ex);
			return 0;
		}
	}

	/**
	 * Why the parser could not go on, as the reader can act on it. Commons CSV reports a broken
	 * quote, and any failure of the reader beneath it, as an unchecked exception.
	 *
	 * @param line the record it could not read
	 */
	private void unreadable(String name, int line, Path path, UncheckedIOException ex) throws IOException {
		if (ex.getCause() instanceof BoundedCsvReader.RecordTooLong) {
			issues.error(name, line, null, "record-too-long", Integer.toString(LONGEST_RECORD));
		}
		else if (ex.getCause() instanceof CharacterCodingException) {
			notUtf8(name, path);
		}
		else {
			issues.error(name, null, null, "unreadable-csv-because", String.valueOf(ex.getMessage()));
		}
	}

	private void notUtf8(String name, Path path) throws IOException {
		issues.error(name, Utf8.firstLineNotUtf8(path), null, "not-utf8");
	}

	private Map<String, Integer> positions(String name, List<String> header) {
		Map<String, Integer> positions = new HashMap<>();
		for (int i = 0; i < header.size(); i++) {
			if (positions.putIfAbsent(header.get(i), i) != null && !header.get(i).isEmpty()) {
				issues.error(name, 1, header.get(i), "column-twice");
			}
		}
		return positions;
	}

	private void warnOfExtraColumns(RosterFile file, String name, Map<String, Integer> positions) {
		for (String header : positions.keySet()) {
			boolean known = header.isEmpty() || header.startsWith("metadata.")
					|| file.columns().stream().anyMatch(column -> column.header().equals(header));
			if (!known) {
				issues.warn(name, 1, header, "unknown-column");
			}
		}
	}

	/** A row longer than the header is tolerated only when what overhangs is empty (a trailing comma). */
	private void checkWidth(String name, int line, CSVRecord record, int width) {
		if (record.size() <= width) {
			return;
		}
		for (int i = width; i < record.size(); i++) {
			if (!record.get(i).isBlank()) {
				issues.error(name, line, null, "too-many-fields", Integer.toString(record.size()),
						Integer.toString(width));
				return;
			}
		}
		issues.warn(name, line, null, "trailing-comma");
	}

	private void read(String file, int line, Column column, String raw, Map<String, String> values) {
		String value = raw.strip();
		if (value.isEmpty()) {
			if (column.isRequiredIn(version) && column.type() != Column.Type.KNOWN) {
				issues.error(file, line, column.header(), "value-required");
			}
			return;
		}
		if (value.length() > LONGEST_VALUE && column.type() != Column.Type.KNOWN) {
			issues.error(file, line, column.header(), "value-too-long", Integer.toString(LONGEST_VALUE));
			return;
		}
		String stage = column.stage();
		switch (column.type()) {
			case KNOWN -> {
			}
			case TEXT -> values.put(stage, value);
			case CHOICE, BOOLEAN -> values.put(stage, choice(file, line, column, value));
			case DATE -> values.put(stage, date(file, line, column, value));
			case DATE_TIME -> dateTime(file, line, column, value);
			case EMAIL -> {
				if (EmailAddress.isValid(value)) {
					values.put(stage, EmailAddress.of(value).value());
				}
				else {
					issues.warn(file, line, column.header(), "not-email");
				}
			}
			case PHONE -> {
				PhoneNumber phone = PhoneNumber.parse(value, defaultRegion);
				if (!phone.valid()) {
					issues.warn(file, line, column.header(), "not-phone");
				}
				values.put(stage, phone.value());
				values.put(stage + "_valid", Boolean.toString(phone.valid()));
			}
			case GRADE -> {
				String first = value.split(",")[0];
				Grade.normalise(first).ifPresentOrElse(grade -> values.put(stage, grade),
						() -> issues.warn(file, line, column.header(), "not-grade"));
			}
			case LANGUAGE -> {
				try {
					values.put(stage, LanguageTag.of(value).value());
				}
				catch (IllegalArgumentException ex) {
					issues.warn(file, line, column.header(), "not-language");
				}
			}
		}
	}

	private String choice(String file, int line, Column column, String value) {
		for (String choice : column.choices()) {
			if (choice.equals(value)) {
				return choice;
			}
		}
		for (String choice : column.choices()) {
			if (choice.equalsIgnoreCase(value)) {
				issues.warn(file, line, column.header(), "wrong-case", value, choice);
				return choice;
			}
		}
		issues.error(file, line, column.header(),
				"not-a-choice", value, String.join(", ", column.choices()));
		return null;
	}

	private String date(String file, int line, Column column, String value) {
		try {
			return LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE).toString();
		}
		catch (DateTimeParseException ex) {
			issues.error(file, line, column.header(), "not-date", value);
			return null;
		}
	}

	private void dateTime(String file, int line, Column column, String value) {
		if (BARE_DATE.matcher(value).matches() && date(file, line, column, value) != null) {
			issues.warn(file, line, column.header(), "date-for-date-time");
			return;
		}
		try {
			DateTimeFormatter.ISO_DATE_TIME.parse(value);
		}
		catch (DateTimeParseException ex) {
			issues.error(file, line, column.header(),
					"not-date-time", value);
		}
	}

	private static boolean needsEscape(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
				return true;
			}
		}
		return false;
	}

	/** COPY's text format: backslash, tab and line breaks escaped, {@code \N} for no value. */
	private static void appendCopyValue(StringBuilder buffer, String value) {
		if (value == null) {
			buffer.append("\\N");
			return;
		}
		if (!needsEscape(value)) {
			buffer.append(value);
			return;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> buffer.append("\\\\");
				case '\t' -> buffer.append("\\t");
				case '\n' -> buffer.append("\\n");
				case '\r' -> buffer.append("\\r");
				default -> buffer.append(c);
			}
		}
	}
}
