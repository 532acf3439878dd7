package org.homeroom.walk;

import static org.homeroom.walk.DirectoryEndpoints.rows;
import static org.homeroom.walk.WalkWorld.DISTRICT_ADMIN;
import static org.homeroom.walk.Walked.on;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The walk's requests to Administration → Translation: the engines, the district's family languages
 * and the glossary are the district administrator's to see, to have asked again and to change;
 * everyone else is refused, and the term on file stays as it was.
 */
final class TranslationEndpoints {

	static final String GLOSSARY = "/admin/translation/glossary";

	private TranslationEndpoints() {
	}

	static List<Walked> of(WalkWorld their, JdbcClient jdbc) {
		UUID term = UUID.randomUUID();
		String name = "Their programme " + their.tag;
		jdbc.sql("""
				insert into translation.glossary_term (id, term, never_translated, updated_by, updated_at, version)
				values (?, ?, false, 'walk', now(), 0)""").params(term, name).update();
		jdbc.sql("insert into translation.glossary_translation (term_id, language, translation) values (?, 'es', 'Su programa')")
			.param(term).update();
		Supplier<String> theTerm = rows(jdbc, """
				select row_to_json(t)::text from translation.glossary_term t where id = ?
				union all select row_to_json(v)::text from translation.glossary_translation v where term_id = ?""", term, term);
		String added = "Walk term " + their.tag;
		Supplier<String> addedTerms = rows(jdbc, "select count(*)::text from translation.glossary_term where term = ?", added);
		return List.of(
				on("GET", "/admin/translation").mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("POST", "/admin/translation/check").mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 302),
				on("GET", GLOSSARY).query("q=" + their.tag).mayAct(DISTRICT_ADMIN).neverShows(name).control(DISTRICT_ADMIN, 200),
				on("GET", GLOSSARY + "/new").mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("POST", GLOSSARY + "/new").mayAct(DISTRICT_ADMIN).form("term", added, "kind", "keep").createsNothing(addedTerms),
				on("GET", GLOSSARY + "/{id}").at(term).mayAct(DISTRICT_ADMIN).neverShows("Su programa").control(DISTRICT_ADMIN, 200),
				on("POST", GLOSSARY + "/{id}").at(term).mayAct(DISTRICT_ADMIN)
					.form("term", "Hijacked", "kind", "fixed", "languages[0]", "es", "texts[0]", "Secuestrado").unchanged(theTerm),
				on("GET", GLOSSARY + "/{id}/delete").at(term).mayAct(DISTRICT_ADMIN).neverShows(name).control(DISTRICT_ADMIN, 200),
				on("POST", GLOSSARY + "/{id}/delete").at(term).mayAct(DISTRICT_ADMIN).unchanged(theTerm));
	}
}
