package org.homeroom.messaging.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.InputStreamSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

/**
 * The attachments of messages: stores files after checking what they are, opens them, deletes
 * them. It decides nothing about who may read one; a caller checks that before it opens or serves
 * an attachment, and keeps the ids with its own records.
 */
@Service
public class Attachments {

	private static final Logger log = LoggerFactory.getLogger(Attachments.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final MessageSource messages;

	private final Clock clock;

	private final Map<String, AttachmentStorage> storages;

	private final AttachmentStorage writeTo;

	Attachments(JdbcClient jdbc, TransactionTemplate transactions, MessageSource messages, Clock clock,
			AttachmentSettings settings) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.messages = messages;
		this.clock = clock;
		AttachmentStorage database = new DatabaseAttachmentStorage(jdbc);
		this.writeTo = settings.directory() == null ? database : new DirectoryAttachmentStorage(settings.directory());
		this.storages = List.of(database, writeTo).stream()
			.collect(Collectors.toMap(AttachmentStorage::place, Function.identity(), (a, b) -> a));
	}

	/**
	 * Stores the files of one message, as {@link #store(List)} does. A form's file field left empty
	 * arrives as a part with no name and no content; it is no file, and is skipped. No list at all
	 * (an optional request parameter that was not sent) stores nothing.
	 */
	public List<Attachment> storeFiles(List<MultipartFile> files) {
		if (files == null) {
			return List.of();
		}
		return store(files.stream()
			.filter(file -> !(file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())))
			.map(AttachmentUpload::of)
			.toList());
	}

	/**
	 * Stores the files of one message, all or none: when any is refused (not a PDF, JPEG, PNG or
	 * HEIC by its content, empty, larger than {@link AttachmentRules#MAX_FILE_BYTES}, or one file
	 * too many), none is stored, and the {@link AttachmentsRefusedException} names each refused file
	 * in the request's language. Joins the caller's transaction when there is one, so a message and
	 * its attachments are stored together or not at all.
	 *
	 * @return what was stored, in the order given
	 */
	public List<Attachment> store(List<AttachmentUpload> uploads) {
		if (uploads.isEmpty()) {
			return List.of();
		}
		List<Checked> checked = check(uploads);
		return transactions.execute(status -> {
			List<Attachment> stored = new ArrayList<>();
			for (Checked file : checked) {
				stored.add(write(file));
			}
			return stored;
		});
	}

	/** What an attachment is, without its content. */
	public Optional<Attachment> find(AttachmentId id) {
		return jdbc.sql("select id, file_name, content_type, size, sha256, stored_at from messaging.attachment where id = :id")
			.param("id", id.value())
			.query(Attachments::attachment)
			.optional();
	}

	/** What these attachments are, in the order given; ids that are not stored are left out. */
	public List<Attachment> find(Collection<AttachmentId> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<AttachmentId, Attachment> found = jdbc
			.sql("select id, file_name, content_type, size, sha256, stored_at from messaging.attachment where id = any(:ids)")
			.param("ids", ids.stream().map(AttachmentId::value).toArray(UUID[]::new))
			.query(Attachments::attachment)
			.stream()
			.collect(Collectors.toMap(Attachment::id, Function.identity()));
		return ids.stream().distinct().map(found::get).filter(a -> a != null).toList();
	}

	/**
	 * An attachment and a stream of its content, which the caller must close. The content is read
	 * piece by piece as the stream is read, never all at once.
	 */
	public Optional<OpenAttachment> open(AttachmentId id) {
		return jdbc.sql("select id, file_name, content_type, size, sha256, stored_at, stored_in from messaging.attachment where id = :id")
			.param("id", id.value())
			.query((rs, n) -> Map.entry(attachment(rs, n), rs.getString("stored_in")))
			.optional()
			.map(row -> {
				Attachment attachment = row.getKey();
				try {
					return new OpenAttachment(attachment, storage(row.getValue(), id).read(id, attachment.size()));
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Attachment " + id + " cannot be read", ex);
				}
			});
	}

	/**
	 * Deletes attachments, as retention does with old messages. Content in a directory goes once the
	 * deletion has committed; ids that are not stored are ignored.
	 *
	 * @return how many were deleted
	 */
	public int delete(Collection<AttachmentId> ids) {
		if (ids.isEmpty()) {
			return 0;
		}
		UUID[] values = ids.stream().map(AttachmentId::value).distinct().toArray(UUID[]::new);
		return transactions.execute(status -> {
			List<Map.Entry<AttachmentId, String>> deleted = jdbc
				.sql("delete from messaging.attachment where id = any(:ids) returning id, stored_in")
				.param("ids", values)
				.query((rs, n) -> Map.entry(new AttachmentId(rs.getObject("id", UUID.class)), rs.getString("stored_in")))
				.list();
			for (Map.Entry<AttachmentId, String> row : deleted) {
				AttachmentStorage storage = storages.get(row.getValue());
				if (storage != null) {
					afterCompletion(committed -> {
						if (committed) {
							remove(storage, row.getKey());
						}
					});
				}
			}
			return deleted.size();
		});
	}

	/** A file that passed the checks: its safe name, its type and where to read it again. */
	private record Checked(String fileName, AttachmentType type, InputStreamSource content) {
	}

	private List<Checked> check(List<AttachmentUpload> uploads) {
		if (uploads.size() > AttachmentRules.MAX_FILES) {
			throw refused(List.of(refusal(null, "attachments.too-many", String.valueOf(AttachmentRules.MAX_FILES),
					String.valueOf(uploads.size()))));
		}
		List<Checked> checked = new ArrayList<>();
		List<AttachmentsRefusedException.Refusal> refusals = new ArrayList<>();
		for (AttachmentUpload upload : uploads) {
			String name = AttachmentFileNames.safe(upload.fileName());
			try {
				Optional<String> problem = problemWith(upload.content(), checked, name);
				problem.ifPresent(key -> refusals.add(refusal(name, key, name,
						String.valueOf(AttachmentRules.MAX_FILE_BYTES / (1024 * 1024)))));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("An uploaded file cannot be read", ex);
			}
		}
		if (!refusals.isEmpty()) {
			throw refused(refusals);
		}
		return checked;
	}

	/** Reads the file's first bytes, and its length; adds it to {@code checked} when it passes. */
	private static Optional<String> problemWith(InputStreamSource content, List<Checked> checked, String name)
			throws IOException {
		try (InputStream in = content.getInputStream()) {
			byte[] head = in.readNBytes(AttachmentType.HEAD_BYTES);
			if (head.length == 0) {
				return Optional.of("attachments.empty");
			}
			long size = content instanceof MultipartFile file ? file.getSize() : head.length + lengthUpToLimit(in);
			if (size > AttachmentRules.MAX_FILE_BYTES) {
				return Optional.of("attachments.too-large");
			}
			Optional<AttachmentType> type = AttachmentType.of(head, head.length);
			if (type.isEmpty()) {
				return Optional.of("attachments.not-accepted");
			}
			checked.add(new Checked(name, type.get(), content));
			return Optional.empty();
		}
	}

	/** Counts what is left of a stream, stopping once the whole file is over the limit. */
	private static long lengthUpToLimit(InputStream in) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		long length = 0;
		int read;
		while (length <= AttachmentRules.MAX_FILE_BYTES && (read = in.read(buffer)) >= 0) {
			length += read;
		}
		return length;
	}

	private Attachment write(Checked file) {
		AttachmentId id = AttachmentId.random();
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		afterCompletion(committed -> {
			if (!committed) {
				remove(writeTo, id);
			}
		});
		try (MeasuredContent content = new MeasuredContent(file.content().getInputStream(), AttachmentRules.MAX_FILE_BYTES)) {
			writeTo.write(id, content);
			jdbc.sql("""
					insert into messaging.attachment (id, file_name, content_type, size, sha256, stored_in, stored_at)
					values (:id, :name, :type, :size, :sha256, :storedIn, :storedAt)""")
				.param("id", id.value())
				.param("name", file.fileName())
				.param("type", file.type().contentType())
				.param("size", content.size())
				.param("sha256", content.sha256())
				.param("storedIn", writeTo.place())
				.param("storedAt", Timestamp.from(now))
				.update();
			return new Attachment(id, file.fileName(), file.type(), content.size(), content.sha256(), now);
		}
		catch (MeasuredContent.TooLarge ex) {
			throw refused(List.of(refusal(file.fileName(), "attachments.too-large", file.fileName(),
					String.valueOf(AttachmentRules.MAX_FILE_BYTES / (1024 * 1024)))));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Attachment " + id + " cannot be written", ex);
		}
	}

	private AttachmentStorage storage(String place, AttachmentId id) {
		AttachmentStorage storage = storages.get(place);
		if (storage == null) {
			throw new IllegalStateException("Attachment " + id + " is kept in " + place
					+ ", which is not configured (homeroom.messaging.attachments.directory)");
		}
		return storage;
	}

	private AttachmentsRefusedException.Refusal refusal(String fileName, String key, Object... arguments) {
		return new AttachmentsRefusedException.Refusal(fileName, key,
				messages.getMessage(key, arguments, LocaleContextHolder.getLocale()));
	}

	private static AttachmentsRefusedException refused(List<AttachmentsRefusedException.Refusal> refusals) {
		return new AttachmentsRefusedException(refusals);
	}

	private static void afterCompletion(Consumer<Boolean> action) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCompletion(int status) {
				action.accept(status == STATUS_COMMITTED);
			}
		});
	}

	private static void remove(AttachmentStorage storage, AttachmentId id) {
		try {
			storage.remove(id);
		}
		catch (IOException | RuntimeException ex) {
			log.warn("The content of attachment {} could not be removed from {}", id, storage.place(), ex);
		}
	}

	private static Attachment attachment(ResultSet rs, int row) throws SQLException {
		return new Attachment(new AttachmentId(rs.getObject("id", UUID.class)), rs.getString("file_name"),
				typeOf(rs.getString("content_type")), rs.getLong("size"), rs.getString("sha256"),
				rs.getTimestamp("stored_at").toInstant());
	}

	private static AttachmentType typeOf(String contentType) {
		for (AttachmentType type : AttachmentType.values()) {
			if (type.contentType().equals(contentType)) {
				return type;
			}
		}
		throw new IllegalStateException("Unknown attachment type " + contentType);
	}
}
