package org.homeroom.translation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The texts reviewers approved, kept as curated translations: a later message with exactly the same
 * source texts (an announcement sent again, one from a template) is answered from here before any
 * engine is asked. Keyed by a hash of the source language and texts, so the text itself is the key
 * and a changed word makes a new review.
 */
@Component
class ReviewedTexts {

	private final JdbcClient jdbc;

	ReviewedTexts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The key of a message's texts: SHA-256 over the source language and each text, separated by NUL. */
	static String hash(String source, List<String> texts) {
		return DigestUtils.sha256Hex(source + "\u0000" + String.join("\u0000", texts));
	}

	/** Approved texts for these source texts, by primary language, for those of {@code languages} that have one. */
	Map<String, List<String>> find(String hash, Collection<String> languages) {
		Map<String, List<String>> found = new LinkedHashMap<>();
		if (languages.isEmpty()) {
			return found;
		}
		jdbc.sql("select language, texts from translation.reviewed_text where source_hash = :hash and language in (:languages)")
			.param("hash", hash)
			.param("languages", languages)
			.query((rs, row) -> Map.entry(rs.getString(1), Arrays.asList((String[]) rs.getArray(2).getArray())))
			.list()
			.forEach(entry -> found.put(entry.getKey(), List.copyOf(entry.getValue())));
		return found;
	}

	/** Keeps an approval, replacing an earlier one for the same texts and language. Inside the caller's transaction. */
	void keep(String hash, String source, String language, List<String> texts, UUID reviewer, Instant at) {
		jdbc.sql("""
				insert into translation.reviewed_text (source_hash, source_language, language, texts, reviewed_by, reviewed_at)
				values (:hash, :source, :language, cast(:texts as text[]), :reviewer, :at)
				on conflict (source_hash, language) do update set texts = excluded.texts, reviewed_by = excluded.reviewed_by,
				       reviewed_at = excluded.reviewed_at""")
			.param("hash", hash)
			.param("source", source)
			.param("language", language)
			.param("texts", texts.toArray(String[]::new))
			.param("reviewer", reviewer)
			.param("at", Timestamp.from(at))
			.update();
	}
}
