package org.homeroom.translation;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.BatchSize;

/**
 * One entry of the district glossary: a term kept as written in every language, or a term with
 * fixed translations per language. A term kept as written has no translations.
 */
@Entity
@Table(schema = "translation", name = "glossary_term")
class GlossaryTerm {

	@Id
	private UUID id;

	private String term;

	private boolean neverTranslated;

	// A page of terms loads its translations in one more query, not one per term.
	@BatchSize(size = 100)
	@ElementCollection(fetch = FetchType.LAZY)
	@CollectionTable(schema = "translation", name = "glossary_translation", joinColumns = @JoinColumn(name = "term_id"))
	@MapKeyColumn(name = "language")
	@Column(name = "translation")
	private Map<String, String> translations = new HashMap<>();

	private String updatedBy;

	private Instant updatedAt;

	@Version
	private long version;

	protected GlossaryTerm() {
	}

	static GlossaryTerm define(String term, boolean neverTranslated, Map<String, String> translations, String by, Instant at) {
		GlossaryTerm entry = new GlossaryTerm();
		entry.id = UUID.randomUUID();
		entry.revise(term, neverTranslated, translations, by, at);
		return entry;
	}

	/** A term kept as written drops whatever translations it had: they would never be used. */
	void revise(String term, boolean neverTranslated, Map<String, String> translations, String by, Instant at) {
		this.term = term.strip();
		this.neverTranslated = neverTranslated;
		this.translations.clear();
		if (!neverTranslated) {
			this.translations.putAll(translations);
		}
		this.updatedBy = by;
		this.updatedAt = at;
	}

	UUID id() {
		return id;
	}

	String term() {
		return term;
	}

	boolean neverTranslated() {
		return neverTranslated;
	}

	Map<String, String> translations() {
		return Map.copyOf(translations);
	}
}
