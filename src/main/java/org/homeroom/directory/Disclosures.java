package org.homeroom.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where the directory's reads report what they disclosed: each read alone as
 * {@link StudentRecordsAccessed}, or, for a page assembled from several reads ({@link #together}),
 * all of them as one {@link StudentRecordsAccessedTogether}. A family's home page reads its
 * children, its feed and its conversations; reported one by one they cost three event publications,
 * each with its own flushing commit, and three runs of the access log's listener, each with three
 * commits of its own. The rows the access log writes are the same either way.
 */
@Component
public class Disclosures {

	/** The reads of the page being assembled on this thread, or null outside {@link #together}. */
	private static final ThreadLocal<List<StudentRecordsAccessed>> COLLECTING = new ThreadLocal<>();

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	Disclosures(ApplicationEventPublisher events, PlatformTransactionManager transactionManager) {
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Runs the reads of one page in one transaction, and reports what they disclosed as one event,
	 * published in that transaction: as for a read alone, the page is returned only once the event
	 * is committed, so nothing is shown that the log could miss. Reads that fail disclose nothing
	 * and report nothing. The reads must not call the network (the transaction stays open while
	 * they run). Inside another {@code together}, the reads simply join it.
	 */
	public <T> T together(Supplier<T> reads) {
		if (COLLECTING.get() != null) {
			return reads.get();
		}
		List<StudentRecordsAccessed> collected = new ArrayList<>();
		COLLECTING.set(collected);
		try {
			return transactions.execute(status -> {
				T result = reads.get();
				List<StudentRecordsAccessed> shown = collected.stream()
					.filter(read -> !read.studentIds().isEmpty()).toList();
				if (shown.size() == 1) {
					events.publishEvent(shown.get(0));
				}
				else if (!shown.isEmpty()) {
					events.publishEvent(new StudentRecordsAccessedTogether(shown));
				}
				return result;
			});
		}
		finally {
			COLLECTING.remove();
		}
	}

	/** Reports one read: kept for the page when inside {@link #together}, published now otherwise. */
	void report(StudentRecordsAccessed read) {
		List<StudentRecordsAccessed> collecting = COLLECTING.get();
		if (collecting != null) {
			collecting.add(read);
		}
		else {
			events.publishEvent(read);
		}
	}
}
