package org.homeroom.translation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A translation engine for tests: it records every request, and "translates" by putting the target
 * language before each text, so a test can tell a translated text from the original and see the
 * markers where the engine left them. It can be told to answer otherwise (lose a marker, fail).
 */
final class RecordingEngine implements TranslationEngine {

	record Request(List<String> texts, String source, String target) {
	}

	private final String name;

	private final List<Request> requests = new ArrayList<>();

	private UnaryOperator<String> answer;

	private boolean failing;

	RecordingEngine(String name) {
		this.name = name;
		this.answer = null;
	}

	/** Answers each text with this instead of the usual "es: …". */
	RecordingEngine answering(UnaryOperator<String> answer) {
		this.answer = answer;
		return this;
	}

	RecordingEngine failing() {
		this.failing = true;
		return this;
	}

	void forget() {
		requests.clear();
		answer = null;
		failing = false;
	}

	List<Request> requests() {
		return List.copyOf(requests);
	}

	List<String> everythingSent() {
		return requests.stream().flatMap(request -> request.texts().stream()).toList();
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public String destination() {
		return "the test itself";
	}

	@Override
	public Set<LanguagePair> languages() {
		return Set.of();
	}

	@Override
	public List<String> translate(List<String> texts, String source, String target) {
		requests.add(new Request(List.copyOf(texts), source, target));
		if (failing) {
			throw new TranslationEngineException(name + " answered 503");
		}
		return texts.stream().map(text -> answer != null ? answer.apply(text) : target + ": " + text).toList();
	}
}
