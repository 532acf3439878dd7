package org.homeroom.translation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.homeroom.shared.LanguageTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The translation module's entry: a message (its subject and body, or one text) in each language
 * its recipients read. Whatever the number of recipients, each target language costs at most one
 * engine request, holding all the message's texts that are not cached yet. Around the engine,
 * placeholders and the district glossary are protected by markers ({@link ProtectedText}); names are
 * never sent, because the caller fills the placeholders in after translation.
 *
 * <p>An engine is a network call, so this must not be called inside a database transaction: it
 * refuses to. Cache reads and writes are statements of their own on either side of the engine's
 * answer.
 */
@Service
public class Translations {

	private static final Logger log = LoggerFactory.getLogger(Translations.class);

	/**
	 * The language staff write announcements and messages in, from which families' languages are
	 * translated: the engines' routes, the glossary and the reviewers' work all start from it.
	 */
	public static final String WRITTEN_IN = "en";

	private final TranslationRoutes routes;

	private final Supplier<GlossaryRules> glossary;

	private final TranslationCache cache;

	/** Approved texts by primary language, for a hash of the source texts ({@link ReviewedTexts}). */
	private final BiFunction<String, Collection<String>, Map<String, List<String>>> reviewed;

	@Autowired
	Translations(TranslationRoutes routes, Glossary glossary, TranslationCache cache, ReviewedTexts reviewed) {
		this(routes, glossary::rules, cache, reviewed::find);
	}

	Translations(TranslationRoutes routes, Supplier<GlossaryRules> glossary, TranslationCache cache) {
		this(routes, glossary, cache, (hash, languages) -> Map.of());
	}

	Translations(TranslationRoutes routes, Supplier<GlossaryRules> glossary, TranslationCache cache,
			BiFunction<String, Collection<String>, Map<String, List<String>>> reviewed) {
		this.routes = routes;
		this.glossary = glossary;
		this.cache = cache;
		this.reviewed = reviewed;
	}

	/** One text, in each target language. */
	public Map<String, Translation> translate(String text, String source, Collection<String> targets) {
		return translate(List.of(text), source, targets);
	}

	/**
	 * A message's texts, in each target language.
	 *
	 * @param texts the message's texts in order (e.g. subject, then body), with their placeholders
	 * @param source the language they are written in (BCP 47)
	 * @param targets the languages wanted (BCP 47); repeated ones are translated once
	 * @return by target language as given (canonical BCP 47), in the order given
	 * @throws IllegalStateException when called inside a database transaction
	 */
	public Map<String, Translation> translate(List<String> texts, String source, Collection<String> targets) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("Translate outside any database transaction: an engine is a network call");
		}
		LanguageTag from = LanguageTag.of(source);
		Map<String, List<String>> tagsByLanguage = new LinkedHashMap<>();
		for (String target : new LinkedHashSet<>(targets)) {
			LanguageTag tag = LanguageTag.of(target);
			tagsByLanguage.computeIfAbsent(tag.language(), language -> new ArrayList<>()).add(tag.value());
		}
		GlossaryRules rules = tagsByLanguage.keySet().stream().allMatch(language -> language.equals(from.language()))
				? GlossaryRules.NONE : glossary.get();
		// A reviewer's approved text for exactly these texts wins over any engine, which is then not asked.
		Map<String, List<String>> approved = reviewed.apply(ReviewedTexts.hash(from.language(), texts),
				tagsByLanguage.keySet().stream().filter(language -> !language.equals(from.language())).toList());
		Map<String, Translation> result = new LinkedHashMap<>();
		tagsByLanguage.forEach((language, tags) -> {
			Made made = language.equals(from.language()) ? new Made(texts, Translation.Kind.ORIGINAL, null)
					: approved.containsKey(language) ? new Made(approved.get(language), Translation.Kind.REVIEWED, null)
					: into(texts, from.language(), language, rules);
			tags.forEach(tag -> result.put(tag, new Translation(tag, made.texts(), made.kind(), made.engine())));
		});
		return result;
	}

	private record Made(List<String> texts, Translation.Kind kind, String engine) {
	}

	/** One target language: at most one engine request, for the texts the cache does not hold. */
	private Made into(List<String> texts, String source, String target, GlossaryRules rules) {
		Made untranslated = new Made(texts, Translation.Kind.UNTRANSLATED, null);
		Optional<TranslationEngine> routed = routes.engineFor(source, target);
		if (routed.isEmpty()) {
			return untranslated;
		}
		TranslationEngine engine = routed.get();
		List<ProtectedText> protectedTexts = texts.stream().map(text -> ProtectedText.protect(text, rules, target)).toList();
		List<String> toTranslate = protectedTexts.stream().filter(ProtectedText::needsEngine).map(ProtectedText::text)
			.distinct().toList();
		Map<String, String> translated = new LinkedHashMap<>(cache.find(engine.name(), source, target, toTranslate));
		List<String> asked = toTranslate.stream().filter(text -> !translated.containsKey(text)).toList();
		if (!asked.isEmpty()) {
			List<String> answers;
			try {
				answers = engine.translate(asked, source, target);
			}
			catch (RuntimeException ex) {
				// The engine's message names the engine and never its key; the texts are not logged.
				log.warn("Translation from {} to {} by {} failed; the original is sent: {}", source, target, engine.name(),
						ex.getMessage());
				return untranslated;
			}
			if (answers == null || answers.size() != asked.size()) {
				log.warn("Translation from {} to {} by {} answered {} texts for {}; the original is sent", source, target,
						engine.name(), answers == null ? 0 : answers.size(), asked.size());
				return untranslated;
			}
			Map<String, String> fresh = new LinkedHashMap<>();
			for (int i = 0; i < asked.size(); i++) {
				String question = asked.get(i);
				String answer = answers.get(i);
				ProtectedText sent = protectedTexts.stream().filter(text -> text.text().equals(question)).findFirst().orElseThrow();
				// Only answers with every marker intact are kept: a broken one is asked again next time.
				if (answer != null && sent.intactIn(answer)) {
					fresh.put(question, answer);
				}
			}
			cache.store(engine.name(), source, target, fresh);
			translated.putAll(fresh);
		}
		List<String> out = new ArrayList<>();
		for (int i = 0; i < texts.size(); i++) {
			ProtectedText text = protectedTexts.get(i);
			if (!text.needsEngine()) {
				// Nothing but placeholders, terms and figures: the glossary's own translations are all it needs.
				out.add(text.restore(text.text()).orElseThrow());
				continue;
			}
			Optional<String> restored = Optional.ofNullable(translated.get(text.text())).flatMap(text::restore);
			if (restored.isEmpty()) {
				log.warn("Translation from {} to {} by {} lost a placeholder or glossary marker; the original is sent", source,
						target, engine.name());
				return untranslated;
			}
			out.add(restored.get());
		}
		return new Made(out, Translation.Kind.MACHINE, engine.name());
	}
}
