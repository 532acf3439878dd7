package org.homeroom.translation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What engines made of texts, in PostgreSQL, keyed by engine, language pair and the SHA-256 of the
 * text as the engine received it (markers in place of placeholders and glossary terms). Each call
 * is one statement on its own, outside any transaction: the engine is called between the read and
 * the write, and must never hold a database transaction open while it answers.
 */
@Component
class TranslationCache {

	private final JdbcClient jdbc;

	private final Clock clock;

	TranslationCache(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The cached translations of those texts that have one, by text. */
	Map<String, String> find(String engine, String source, String target, Collection<String> texts) {
		Map<String, String> byHash = new HashMap<>();
		texts.forEach(text -> byHash.put(HexFormat.of().formatHex(hash(text)), text));
		if (byHash.isEmpty()) {
			return Map.of();
		}
		Map<String, String> found = new HashMap<>();
		jdbc.sql("""
				select encode(text_hash, 'hex') as hash, translation from translation.cached_translation
				where engine = ? and source = ? and target = ? and text_hash = any (?)""")
			.params(engine, source, target, byHash.keySet().stream().map(HexFormat.of()::parseHex).toArray(byte[][]::new))
			.query((rs, row) -> Map.entry(rs.getString("hash"), rs.getString("translation")))
			.list()
			.forEach(entry -> found.put(byHash.get(entry.getKey()), entry.getValue()));
		return found;
	}

	/** Keeps what the engine made of each text; a text already cached (by another node) is left as it is. */
	void store(String engine, String source, String target, Map<String, String> translations) {
		Timestamp now = Timestamp.from(clock.instant());
		List<Object[]> rows = translations.entrySet().stream()
			.map(entry -> new Object[] { engine, source, target, hash(entry.getKey()), entry.getValue(), now })
			.toList();
		for (Object[] row : rows) {
			jdbc.sql("""
					insert into translation.cached_translation (engine, source, target, text_hash, translation, created_at)
					values (?, ?, ?, ?, ?, ?) on conflict do nothing""").params(row).update();
		}
	}

	static byte[] hash(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}
}
