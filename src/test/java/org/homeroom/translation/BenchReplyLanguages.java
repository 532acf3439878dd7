package org.homeroom.translation;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The reply-language detector's heap and speed, for the demo district's languages (Haitian Creole
 * among them, which Lingua has no model for): the heap in use after a full collection before the
 * detector is built and after it has told one reply in each language (which loads every model it
 * needs), then the time to tell a reply once the models are in. Run by bench/reply-languages.sh.
 */
public final class BenchReplyLanguages {

	static final Map<String, String> REPLIES = Map.of(
			"en", "Can we meet on Thursday afternoon instead?",
			"es", "Mi hija no puede ir a la escuela hoy porque está enferma.",
			"vi", "Chào cô, cháu bị ốm nên hôm nay không đi học được.",
			"zh", "谢谢老师，我的孩子明天会迟到。",
			"so", "Haa, waan imaan doonaa shirka khamiista.",
			"pt", "Obrigado, meu filho vai chegar atrasado amanhã.",
			"ar", "شكرا للمعلمة، ابني سيتأخر غدا.");

	private BenchReplyLanguages() {
	}

	public static void main(String[] args) {
		List<String> district = List.of("es", "vi", "zh-Hans", "so", "ht", "pt-BR", "ar");
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long before = settledHeap(memory);
		ReplyLanguages languages = new ReplyLanguages(() -> district, Duration.ofDays(1));
		long loading = System.nanoTime();
		REPLIES.forEach((expected, text) -> {
			String told = languages.detect(text).orElse("-");
			System.out.printf("%s -> %s%n", expected, told);
		});
		long loaded = System.nanoTime() - loading;
		long after = settledHeap(memory);
		int rounds = 2000;
		long start = System.nanoTime();
		for (int i = 0; i < rounds; i++) {
			for (String text : REPLIES.values()) {
				languages.detect(text);
			}
		}
		double perReply = (System.nanoTime() - start) / 1e6 / (rounds * REPLIES.size());
		System.out.printf("languages told apart: %s (ht has no model)%n", languages.languages().stream().sorted().toList());
		System.out.printf("heap held by the detector and its models: %d MB%n", (after - before) / (1024 * 1024));
		System.out.printf("first replies (loading the models): %.1f s%n", loaded / 1e9);
		System.out.printf("per reply, models loaded: %.2f ms%n", perReply);
	}

	private static long settledHeap(MemoryMXBean memory) {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}
}
