package org.homeroom.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * Sends requests as an attacker racing a limit would: each on a thread of its own, all held at one
 * gate and released together, so that they reach the server at the same moment.
 */
public final class AllAtOnce {

	private AllAtOnce() {
	}

	/** Performs every request at once and answers their statuses, in the order given. */
	public static List<Integer> perform(MockMvc mvc, List<RequestBuilder> requests) throws Exception {
		CountDownLatch ready = new CountDownLatch(requests.size());
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(requests.size());
		try {
			List<Future<Integer>> answers = new ArrayList<>();
			for (RequestBuilder request : requests) {
				answers.add(threads.submit(() -> {
					ready.countDown();
					go.await();
					return mvc.perform(request).andReturn().getResponse().getStatus();
				}));
			}
			ready.await(10, TimeUnit.SECONDS);
			go.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> answer : answers) {
				statuses.add(answer.get(60, TimeUnit.SECONDS));
			}
			return statuses;
		}
		finally {
			threads.shutdownNow();
		}
	}
}
