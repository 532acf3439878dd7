package org.homeroom.messaging.delivery;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;

/**
 * Why a hand-off to a channel failed, as staff may read it and logs may hold it.
 * <p>A mail server's 5xx reply is a permanent refusal (RFC 5321 4.2.1): the same message to the
 * same address will be refused again, so the delivery fails at once instead of being retried for
 * hours. A 4xx reply, a refused or lost connection and a timeout are transient and retried.
 * <p>The server's words often quote the address ("550 5.1.1 &lt;ana@...&gt;: no such mailbox"), so
 * the reason kept for staff has every address taken out and is capped; the log gets only the kind of
 * failure and the reply code, never the words.
 *
 * @param permanent whether trying again is pointless
 * @param replyCode the SMTP reply code, or 0 when the server gave none (no connection, a timeout)
 * @param kind the exception's class, for the log
 * @param reason what went wrong, without addresses, for the delivery report
 */
public record DeliveryFailure(boolean permanent, int replyCode, String kind, String reason) {

	/** Enough for any server's one-line reply and the cause behind it; a report row stays readable. */
	static final int REASON_LENGTH = 300;

	private static final Pattern ADDRESS = Pattern.compile("<?[^\\s<>@,;:\"]+@[^\\s<>,;:\"]+>?");

	private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\s]+");

	static DeliveryFailure of(Exception failure) {
		List<Throwable> chain = chain(failure);
		int code = 0;
		String serverSaid = null;
		for (Throwable link : chain) {
			int linkCode = replyCode(link);
			if (linkCode > 0) {
				code = linkCode;
				serverSaid = ownMessage(link);
				break;
			}
		}
		String reason;
		if (serverSaid != null) {
			reason = serverSaid;
		}
		else {
			List<String> said = new ArrayList<>();
			for (Throwable link : chain) {
				String message = ownMessage(link);
				if (message != null && !message.isBlank() && said.stream().noneMatch(earlier -> earlier.contains(message.strip()))) {
					said.add(message.strip());
				}
			}
			reason = said.isEmpty() ? failure.getClass().getSimpleName() : String.join(": ", said);
		}
		return new DeliveryFailure(code >= 500, code, failure.getClass().getSimpleName(), sanitized(reason));
	}

	/** The text with every e-mail address replaced, on one line, at most {@link #REASON_LENGTH} characters. */
	public static String sanitized(String text) {
		String clean = CONTROL.matcher(ADDRESS.matcher(text).replaceAll("[address]")).replaceAll(" ").strip();
		return clean.length() <= REASON_LENGTH ? clean : clean.substring(0, REASON_LENGTH - 1) + "…";
	}

	/** What this exception says, without the "nested exception is" that Jakarta Mail adds for the next one. */
	private static String ownMessage(Throwable link) {
		String message = link.getMessage();
		int nested = message == null ? -1 : message.indexOf(";\n  nested exception is:");
		return nested < 0 ? message : message.substring(0, nested);
	}

	/**
	 * The reply code an SMTP exception carries: Angus Mail's {@code SMTPAddressFailedException},
	 * {@code SMTPSendFailedException} and {@code SMTPSenderFailedException} each answer it from
	 * {@code getReturnCode()}. The implementation is a runtime dependency behind the Jakarta Mail API,
	 * so it is asked by name rather than compiled against.
	 */
	private static int replyCode(Throwable link) {
		if (!(link instanceof MessagingException) || !link.getClass().getName().startsWith("org.eclipse.angus.mail.smtp.SMTP")) {
			return 0;
		}
		try {
			Object code = link.getClass().getMethod("getReturnCode").invoke(link);
			return code instanceof Integer value && value >= 200 && value < 600 ? value : 0;
		}
		catch (ReflectiveOperationException ex) {
			return 0;
		}
	}

	/** The exception, its causes and, for mail, the exceptions it chains as "next", each once. */
	private static List<Throwable> chain(Throwable failure) {
		List<Throwable> chain = new ArrayList<>();
		Map<Throwable, Boolean> seen = new IdentityHashMap<>();
		List<Throwable> todo = new ArrayList<>(List.of(failure));
		while (!todo.isEmpty() && chain.size() < 20) {
			Throwable link = todo.remove(0);
			if (link == null || seen.put(link, true) != null) {
				continue;
			}
			chain.add(link);
			if (link instanceof MessagingException mail && mail.getNextException() != null) {
				todo.add(mail.getNextException());
			}
			todo.add(link.getCause());
		}
		return chain;
	}
}
