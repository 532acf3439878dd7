package org.homeroom.walk;

import static org.homeroom.walk.WalkWorld.DISTRICT_ADMIN;
import static org.homeroom.walk.Walked.on;

import java.util.List;

/**
 * The walk's requests to the translation administration page: the engines and the district's
 * family languages are the district administrator's to see, and to have asked again.
 */
final class TranslationEndpoints {

	private TranslationEndpoints() {
	}

	static List<Walked> of() {
		return List.of(
				on("GET", "/admin/translation").mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 200),
				on("POST", "/admin/translation/check").mayAct(DISTRICT_ADMIN).control(DISTRICT_ADMIN, 302));
	}
}
