package org.homeroom.translation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;

import org.homeroom.directory.Viewer;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Human review (issue 18): for the categories a district chose, a machine translation into a
 * language that has a reviewer waits for that reviewer's approved text. The approved text is kept
 * ({@link ReviewedTexts}) and {@link Translations} answers it, as REVIEWED, for every later message
 * with the same texts. An urgent message waits at most {@link ReviewSettings#urgentWait()}; then its
 * labelled machine translation goes out and the language's reviewers are told, by e-mail and on
 * their page, where the request stays so that their approval still serves the next message.
 *
 * <p>A request is per source text and language, not per message: two announcements with the same
 * words wait for one approval.
 */
@Service
public class TranslationReviews {

	/** Requests listed on a reviewer's page at a time. */
	static final int PAGE_SIZE = 10;

	/** The longest approved text, as long as the longest announcement body. */
	static final int TEXT_MAX = 20_000;

	private final JdbcClient jdbc;

	private final Translators translators;

	private final ReviewedTexts reviewed;

	private final ReviewSettings settings;

	private final ReviewersTold told;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	TranslationReviews(JdbcClient jdbc, Translators translators, ReviewedTexts reviewed, ReviewSettings settings,
			ReviewersTold told, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.translators = translators;
		this.reviewed = reviewed;
		this.settings = settings;
		this.told = told;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * What a message must wait for.
	 *
	 * @param languages the primary languages still waiting for a reviewer (empty: send now)
	 * @param until when an urgent message stops waiting; null when it waits for the reviewers however long
	 */
	public record ReviewWait(Set<String> languages, Instant until) {

		public boolean waiting() {
			return !languages.isEmpty();
		}
	}

	/**
	 * Asks for review where a message needs it, and answers what it must still wait for. A language
	 * waits when the message's category was chosen for review, its translation came from an engine
	 * (an approved text comes back from {@link Translations} as REVIEWED, and waits for nothing), and
	 * the language has at least one reviewer. An urgent message stops waiting at
	 * {@code since + urgent-wait}: then it goes out as machine-translated, and the reviewers of the
	 * languages it did not get are told once.
	 *
	 * @param texts the message's source texts, as given to {@link Translations#translate}
	 * @param source their language
	 * @param category the message's category name (messaging's)
	 * @param urgent whether it may wait only {@link ReviewSettings#urgentWait()}
	 * @param since when the message first waited (now, the first time)
	 * @param translated what {@link Translations#translate} answered for it
	 */
	@Transactional
	public ReviewWait await(List<String> texts, String source, String category, boolean urgent, Instant since,
			Map<String, Translation> translated) {
		Map<String, Translation> machine = machine(translated);
		Set<String> withReviewers = reviewed(category, machine);
		if (withReviewers.isEmpty()) {
			return new ReviewWait(Set.of(), null);
		}
		Instant now = clock.instant();
		Instant until = urgent ? since.plus(settings.urgentWait()) : null;
		String from = Translators.primary(source);
		String hash = ReviewedTexts.hash(from, texts);
		Set<String> waiting = new TreeSet<>();
		for (String language : new TreeSet<>(withReviewers)) {
			Translation made = machine.get(language);
			UUID request = jdbc.sql("""
					insert into translation.review_request (id, source_hash, source_language, language, source_texts, machine_texts,
					                                        engine, requested_at, deadline)
					values (:id, :hash, :source, :language, cast(:texts as text[]), cast(:machine as text[]), :engine, :now, :until)
					on conflict (source_hash, language) do update set machine_texts = excluded.machine_texts, engine = excluded.engine,
					       deadline = case when excluded.deadline is null then review_request.deadline
					                       else least(coalesce(review_request.deadline, excluded.deadline), excluded.deadline) end
					returning id""")
				.param("id", UUID.randomUUID())
				.param("hash", hash)
				.param("source", from)
				.param("language", language)
				.param("texts", texts.toArray(String[]::new))
				.param("machine", made.texts().toArray(String[]::new))
				.param("engine", made.engine())
				.param("now", Timestamp.from(now))
				.param("until", until == null ? null : Timestamp.from(until))
				.query(UUID.class).single();
			if (until != null && !now.isBefore(until)) {
				boolean first = jdbc.sql("update translation.review_request set told_at = ? where id = ? and told_at is null")
					.params(Timestamp.from(now), request).update() == 1;
				if (first) {
					told.lapsed(language, translators.reviewersOf(language));
				}
			}
			else {
				waiting.add(language);
			}
		}
		return new ReviewWait(waiting, waiting.isEmpty() ? null : until);
	}

	/**
	 * The languages a message would wait in were it released now, without asking for anything: for
	 * the sender's preview. The same rule as {@link #await}; an urgent message waits at most
	 * {@link #urgentWait()}.
	 *
	 * @param translated what {@link Translations#translate} answered for the message
	 */
	@Transactional(readOnly = true)
	public Set<String> wouldWait(String category, Map<String, Translation> translated) {
		return new TreeSet<>(reviewed(category, machine(translated)));
	}

	/** How long an urgent message waits for a reviewer before its machine translation goes out. */
	public java.time.Duration urgentWait() {
		return settings.urgentWait();
	}

	/** The engine-made translations, by primary language. */
	private static Map<String, Translation> machine(Map<String, Translation> translated) {
		Map<String, Translation> machine = new LinkedHashMap<>();
		translated.values().stream().filter(translation -> translation.kind() == Translation.Kind.MACHINE)
			.forEach(translation -> machine.putIfAbsent(Translators.primary(translation.language()), translation));
		return machine;
	}

	/** Of those languages, the ones that wait: the category was chosen for review and they have a reviewer. */
	private Set<String> reviewed(String category, Map<String, Translation> machine) {
		if (machine.isEmpty() || !translators.reviewedCategories().contains(category)) {
			return Set.of();
		}
		return translators.reviewed(machine.keySet());
	}

	/** One request as its reviewer sees it. */
	public record Request(UUID id, String language, List<String> sourceTexts, List<String> machineTexts, String engine,
			Instant requestedAt, Instant deadline, Instant toldAt) {

		/** {@code rtl} or {@code ltr}: which way its translation is written. */
		public String direction() {
			return org.homeroom.shared.LanguageTag.direction(language);
		}

		/** Whether the machine translation already went out, the urgent wait being over. */
		public boolean lapsed() {
			return toldAt != null;
		}
	}

	public record RequestPage(List<Request> rows, long total, int page) {
	}

	/** How many requests wait in the viewer's languages: zero for anyone who is not a reviewer. */
	@Transactional(readOnly = true)
	public long waitingFor(Viewer viewer) {
		Set<String> languages = translators.languagesOf(viewer);
		return languages.isEmpty() ? 0 : jdbc.sql("select count(*) from translation.review_request where language in (:languages)")
			.param("languages", languages).query(Long.class).single();
	}

	/** The requests in the viewer's languages, urgent and oldest first; refused to anyone without a grant. */
	@Transactional(readOnly = true)
	public RequestPage waiting(Viewer viewer, int page) {
		Set<String> languages = requireReviewer(viewer);
		int from = Math.max(page, 0);
		long total = jdbc.sql("select count(*) from translation.review_request where language in (:languages)")
			.param("languages", languages).query(Long.class).single();
		List<Request> rows = jdbc.sql("""
				select id, language, source_texts, machine_texts, engine, requested_at, deadline, told_at
				from translation.review_request where language in (:languages)
				order by deadline nulls last, requested_at, id limit :limit offset :offset""")
			.param("languages", languages)
			.param("limit", PAGE_SIZE)
			.param("offset", (long) from * PAGE_SIZE)
			.query((rs, row) -> request(rs))
			.list();
		return new RequestPage(rows, total, from);
	}

	/** One request, for a reviewer of its language; any other viewer is refused. */
	@Transactional(readOnly = true)
	public Request request(Viewer viewer, UUID id) {
		Set<String> languages = requireReviewer(viewer);
		Request request = jdbc.sql("""
				select id, language, source_texts, machine_texts, engine, requested_at, deadline, told_at
				from translation.review_request where id = ?""")
			.param(id).query((rs, row) -> request(rs)).optional()
			.orElseThrow(() -> new NotFoundException("review request"));
		if (!languages.contains(request.language())) {
			throw new AccessDeniedException("Only a reviewer for this language approves its translations");
		}
		return request;
	}

	/**
	 * Approves the reviewer's text (edited or as the engine made it): kept for every later message
	 * with the same source texts, and the messages waiting for it go out with it. Each text must be
	 * non-blank, at most {@link #TEXT_MAX} characters and hold the source text's placeholders
	 * exactly ({@code field} names the text's position: {@code texts[0]} for a subject).
	 */
	@Transactional
	public void approve(Viewer viewer, UUID id, List<String> texts) {
		Request request = request(viewer, id);
		if (texts == null || texts.size() != request.sourceTexts().size()) {
			throw new InvalidInputException("texts", "Give one text for each of the original's");
		}
		List<String> approved = new ArrayList<>();
		for (int i = 0; i < texts.size(); i++) {
			approved.add(checked("texts[" + i + "]", texts.get(i), request.sourceTexts().get(i)));
		}
		String source = jdbc.sql("select source_language from translation.review_request where id = ?").param(id)
			.query(String.class).single();
		reviewed.keep(ReviewedTexts.hash(source, request.sourceTexts()), source, request.language(), approved,
				viewer.staffId().orElseThrow(), clock.instant());
		jdbc.sql("delete from translation.review_request where id = ?").param(id).update();
		events.publishEvent(new TranslationApproved(request.language()));
	}

	/** What is wrong with a reviewer's text. */
	public enum Problem {
		EMPTY, TOO_LONG, MISSING_PLACEHOLDER, ADDED_PLACEHOLDER
	}

	/** A reviewer's text refused (a 400 naming the field), with the problem and the placeholder concerned. */
	public static class TextRejected extends InvalidInputException {

		private final Problem problem;

		private final String placeholder;

		TextRejected(String field, Problem problem, String placeholder, String message) {
			super(field, message);
			this.problem = problem;
			this.placeholder = placeholder;
		}

		public Problem problem() {
			return problem;
		}

		/** The placeholder missing or added, else empty. */
		public String placeholder() {
			return placeholder;
		}
	}

	/**
	 * A text as approved: stripped, and with the original's placeholders, no more and no fewer,
	 * because the sender fills in the same names whatever the words around them.
	 */
	static String checked(String field, String text, String original) {
		String stripped = text == null ? "" : text.strip();
		if (stripped.isEmpty()) {
			throw new TextRejected(field, Problem.EMPTY, "", "must not be empty");
		}
		if (stripped.length() > TEXT_MAX) {
			throw new TextRejected(field, Problem.TOO_LONG, "", "must be at most " + TEXT_MAX + " characters");
		}
		Set<String> expected = placeholders(original);
		Set<String> found = placeholders(stripped);
		for (String placeholder : expected) {
			if (!found.contains(placeholder)) {
				throw new TextRejected(field, Problem.MISSING_PLACEHOLDER, placeholder, "must keep the placeholder " + placeholder);
			}
		}
		for (String placeholder : found) {
			if (!expected.contains(placeholder)) {
				throw new TextRejected(field, Problem.ADDED_PLACEHOLDER, placeholder, "must not add the placeholder " + placeholder);
			}
		}
		return stripped;
	}

	private static Set<String> placeholders(String text) {
		Set<String> found = new LinkedHashSet<>();
		Matcher matcher = ProtectedText.PLACEHOLDER.matcher(text);
		while (matcher.find()) {
			found.add(matcher.group());
		}
		return found;
	}

	private Set<String> requireReviewer(Viewer viewer) {
		Set<String> languages = translators.languagesOf(viewer);
		if (languages.isEmpty()) {
			throw new AccessDeniedException("Translations are reviewed by staff with a translator grant");
		}
		return languages;
	}

	private static Request request(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Request(rs.getObject("id", UUID.class), rs.getString("language"),
				Arrays.asList((String[]) rs.getArray("source_texts").getArray()),
				Arrays.asList((String[]) rs.getArray("machine_texts").getArray()), rs.getString("engine"),
				rs.getTimestamp("requested_at").toInstant(), instant(rs.getTimestamp("deadline")), instant(rs.getTimestamp("told_at")));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
