package org.homeroom.messaging.textreplies;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.homeroom.directory.ConversationParties;
import org.homeroom.directory.Directory;
import org.homeroom.directory.GuardianPhones;
import org.homeroom.directory.Viewer;
import org.homeroom.messaging.conversations.ConversationReads;
import org.homeroom.messaging.conversations.ConversationSummary;
import org.homeroom.messaging.conversations.Conversations;
import org.homeroom.messaging.sms.InboundText;
import org.homeroom.messaging.sms.SmsInbox;
import org.homeroom.platform.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The school office's queue of texts that could not be routed for sure. A school administrator or
 * family liaison sees the texts from guardians of their schools' students and from numbers nobody
 * has; a district administrator sees them all. Who sent a text (the guardian's name, their children)
 * is shown only when the directory's policy lets the viewer see that guardian, and every child shown
 * is in the access log; otherwise the number shows its last 4 digits only. The office files a text
 * into one of the guardian's open threads the viewer may see, or dismisses it.
 */
@Service
class OfficeQueue {

	/** The most waiting texts the queue reads at once; an office with more works through the oldest first. */
	static final int MOST_READ = 500;

	static final String PURPOSE = "School office text queue";

	private final SmsInbox inbox;

	private final GuardianPhones phones;

	private final ConversationParties parties;

	private final Directory directory;

	private final Conversations conversations;

	private final ConversationReads reads;

	private final TextReplyRouter router;

	private final TextReplyStore store;

	private final TransactionTemplate transaction;

	OfficeQueue(SmsInbox inbox, GuardianPhones phones, ConversationParties parties, Directory directory,
			Conversations conversations, ConversationReads reads, TextReplyRouter router, TextReplyStore store,
			TransactionTemplate transaction) {
		this.transaction = transaction;
		this.inbox = inbox;
		this.phones = phones;
		this.parties = parties;
		this.directory = directory;
		this.conversations = conversations;
		this.reads = reads;
		this.router = router;
		this.store = store;
	}

	/** A thread a waiting text may be filed into, as the viewer may see it. */
	record Filing(UUID id, String studentName, String with) {
	}

	/** A waiting text as the viewer may see it: the sender only when the policy allows. */
	record Item(UUID id, String number, String body, Instant receivedAt, String guardianName, List<String> children,
			List<Filing> threads) {
	}

	record Page(List<Item> items, int page, int size, long total) {

		boolean hasNext() {
			return (long) (page + 1) * size < total;
		}
	}

	/** One page of the texts waiting for the viewer's offices, oldest first. */
	@Transactional
	Page page(Viewer viewer, int page, int size) {
		List<UUID> schools = officeSchools(viewer);
		List<InboundText> mine = inbox.waiting(MOST_READ).stream().filter(text -> handles(viewer, schools, text)).toList();
		int from = Math.min(page * size, mine.size());
		List<Item> items = new ArrayList<>();
		for (InboundText text : mine.subList(from, Math.min(from + size, mine.size()))) {
			items.add(item(viewer, text));
		}
		return new Page(items, page, size, mine.size());
	}

	/** One waiting text the viewer's office handles. */
	@Transactional
	Item text(Viewer viewer, UUID id) {
		return item(viewer, handled(viewer, id));
	}

	/** Files the text into the thread as the guardian's message; false when it is no longer waiting. */
	boolean file(Viewer viewer, UUID id, UUID threadId) {
		InboundText text = handled(viewer, id);
		// Read in a transaction of its own, so that the children shown reach the access log; the
		// filing that follows is a transaction of its own too, and a refusal there leaves the text waiting.
		Item item = transaction.execute(status -> item(viewer, text));
		if (item.threads().stream().noneMatch(thread -> thread.id().equals(threadId))) {
			throw new NotFoundException("conversation");
		}
		UUID guardian = phones.guardiansWithPhone(text.from()).get(0);
		return router.into(id, text.body(), guardian, threadId, viewer.name());
	}

	/** Dismisses the text: it leaves the queue, kept with who dismissed it. */
	boolean dismiss(Viewer viewer, UUID id) {
		handled(viewer, id);
		return store.close(id, "DISMISSED", viewer.name());
	}

	private InboundText handled(Viewer viewer, UUID id) {
		List<UUID> schools = officeSchools(viewer);
		return inbox.text(id).filter(text -> store.waiting(id) && handles(viewer, schools, text))
			.orElseThrow(() -> new NotFoundException("text"));
	}

	private List<UUID> officeSchools(Viewer viewer) {
		List<UUID> schools = viewer.staffId()
			.map(staff -> parties.schoolsWhereRole(staff, ConversationParties.OFFICE_ROLES)).orElse(List.of());
		if (!viewer.districtAdmin() && schools.isEmpty()) {
			throw new AccessDeniedException("The office queue is for school administrators and family liaisons");
		}
		return schools;
	}

	private boolean handles(Viewer viewer, List<UUID> schools, InboundText text) {
		if (viewer.districtAdmin()) {
			return true;
		}
		List<UUID> guardians = phones.guardiansWithPhone(text.from());
		return guardians.isEmpty() || phones.schoolsOfChildren(guardians).stream().anyMatch(schools::contains);
	}

	private Item item(Viewer viewer, InboundText text) {
		List<UUID> guardians = phones.guardiansWithPhone(text.from());
		Map<UUID, String> visible = directory.visibleGuardianNames(viewer, guardians);
		if (guardians.size() != 1 || !visible.containsKey(guardians.get(0))) {
			return new Item(text.id(), masked(text.from()), text.body(), text.receivedAt(), null, List.of(), List.of());
		}
		UUID guardian = guardians.get(0);
		Map<UUID, String> children = directory.visibleStudentNames(viewer, phones.childrenOf(guardian));
		logShown(viewer, children.keySet());
		List<UUID> open = conversations.openConversationsOf(guardian, Duration.ofDays(3650));
		List<Filing> threads = new ArrayList<>();
		for (UUID child : children.keySet()) {
			for (ConversationSummary thread : reads.list(viewer, PURPOSE, child, null, false, 0, 50).items()) {
				if (open.contains(thread.id())) {
					threads.add(new Filing(thread.id(), thread.studentName(), thread.staffName()));
				}
			}
		}
		return new Item(text.id(), text.from(), text.body(), text.receivedAt(), visible.get(guardian),
				children.values().stream().sorted().toList(), threads);
	}

	private void logShown(Viewer viewer, Collection<UUID> students) {
		if (!students.isEmpty()) {
			directory.recordAccess(viewer.name(), List.copyOf(students), "sms.office-queue", PURPOSE, null);
		}
	}

	/** "•••• 0123": enough for the office to match a call back, not enough to identify the family. */
	static String masked(String number) {
		return number == null || number.length() <= 4 ? "••••" : "•••• " + number.substring(number.length() - 4);
	}

}
