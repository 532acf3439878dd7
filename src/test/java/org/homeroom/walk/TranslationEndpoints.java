package org.homeroom.walk;

import static org.homeroom.walk.DirectoryEndpoints.rows;
import static org.homeroom.walk.WalkWorld.DISTRICT_ADMIN;
import static org.homeroom.walk.WalkWorld.THEIR_TEACHER;
import static org.homeroom.walk.Walked.on;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The walk's requests to Administration → Translation: the engines, the district's family languages,
 * the glossary and the automatic messages' texts are the district administrator's to see, to have
 * asked again and to change; everyone else is refused, and the term and the text on file stay as they were.
 */
final class TranslationEndpoints {

	static final String GLOSSARY = "/admin/translation/glossary";

	static final String TEXTS = "/admin/translation/texts";

	static final String REVIEWERS = "/admin/translation/reviewers";

	static final String REVIEW = "/translations/review";

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
		// A district text for a message and language no other test reads (the Haitian Creole confirmation subject).
		String districtText = "Kòd konfimasyon distri a " + their.tag;
		jdbc.sql("""
				insert into translation.curated_text (key, language, text, updated_by, updated_at, version)
				values ('welcome.code.subject', 'ht', ?, 'walk', now(), 0)
				on conflict (key, language) do update set text = excluded.text, version = 0""").param(districtText).update();
		Supplier<String> theText = rows(jdbc, """
				select row_to_json(t)::text from translation.curated_text t where key = 'welcome.code.subject' and language = 'ht'""");
		// Their teacher reviews Spanish; a Spanish translation waits for her. Nobody walked holds a grant.
		jdbc.sql("""
				insert into translation.translator (staff_id, language, granted_by, granted_at) values (?, 'es', 'walk', now())
				on conflict do nothing""").param(their.theirStaff).update();
		UUID request = UUID.randomUUID();
		String waiting = "Su traducción en espera " + their.tag;
		jdbc.sql("""
				insert into translation.review_request (id, source_hash, source_language, language, source_texts, machine_texts, engine,
				                                        requested_at)
				values (?, md5(?) || md5(?), 'en', 'es', array['Waiting ' || ?, 'Hello'], array[?, 'Hola'], 'libretranslate', now())""")
			.params(request, their.tag, their.tag, their.tag, waiting).update();
		Supplier<String> theRequest = rows(jdbc, "select row_to_json(r)::text from translation.review_request r where id = ?", request);
		Supplier<String> grants = rows(jdbc, "select string_agg(staff_id || language, ',' order by staff_id, language) from translation.translator");
		Supplier<String> categories = rows(jdbc, "select string_agg(category, ',' order by category) from translation.review_category");
		return List.of(
				on("GET", REVIEW).mayAct().neverShows(waiting).control(THEIR_TEACHER, 200),
				on("GET", REVIEW + "/{id}").at(request).mayAct().neverShows(waiting).control(THEIR_TEACHER, 200),
				on("POST", REVIEW + "/{id}").at(request).mayAct().form("subject", "Hijacked", "body", "Hijacked").unchanged(theRequest),
				on("GET", REVIEWERS).mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("GET", REVIEWERS + "/add").query("q=Theirteacher").mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("POST", REVIEWERS + "/categories").mayAct(DISTRICT_ADMIN).form("category", "GENERAL").unchanged(categories),
				on("POST", REVIEWERS + "/grants").mayAct(DISTRICT_ADMIN).form("staffId", their.theirStaff.toString(), "language", "vi")
					.unchanged(grants),
				on("GET", REVIEWERS + "/grants/{staffId}/{language}/remove").at(their.theirStaff, "es").mayAct(DISTRICT_ADMIN)
					.control(DISTRICT_ADMIN, 200),
				on("POST", REVIEWERS + "/grants/{staffId}/{language}/remove").at(their.theirStaff, "es").mayAct(DISTRICT_ADMIN)
					.unchanged(grants),
				on("GET", TEXTS).query("q=code").mayAct(DISTRICT_ADMIN).neverShows("Sign-in code").control(DISTRICT_ADMIN, 200),
				on("GET", TEXTS + "/{key}").at("welcome.code.subject").mayAct(DISTRICT_ADMIN).neverShows(districtText)
					.control(DISTRICT_ADMIN, 200),
				on("GET", TEXTS + "/{key}/{language}").at("welcome.code.subject", "ht").mayAct(DISTRICT_ADMIN)
					.neverShows(districtText).control(DISTRICT_ADMIN, 200),
				on("POST", TEXTS + "/{key}/{language}").at("welcome.code.subject", "ht").mayAct(DISTRICT_ADMIN)
					.form("text", "Hijacked", "version", "0").unchanged(theText),
				on("GET", TEXTS + "/{key}/{language}/restore").at("welcome.code.subject", "ht").mayAct(DISTRICT_ADMIN)
					.neverShows("Contact confirmation code").control(DISTRICT_ADMIN, 200),
				on("POST", TEXTS + "/{key}/{language}/restore").at("welcome.code.subject", "ht").mayAct(DISTRICT_ADMIN)
					.unchanged(theText),
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
