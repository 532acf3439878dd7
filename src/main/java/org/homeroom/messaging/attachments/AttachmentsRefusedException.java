package org.homeroom.messaging.attachments;

import java.util.List;

import org.homeroom.platform.InvalidInputException;

/**
 * Files that may not be attached, none of them stored. The message names each file and says why,
 * in the language of the request that sent them; the API answers it as a 400 for the field
 * {@code attachments}, and a page can show {@link #refusals()} one by one.
 */
public class AttachmentsRefusedException extends InvalidInputException {

	/** One refused file (or, for too many files, the whole set): its safe name, and the message key of the reason. */
	public record Refusal(String fileName, String messageKey, String message) {
	}

	private final List<Refusal> refusals;

	AttachmentsRefusedException(List<Refusal> refusals) {
		super("attachments", String.join(" ", refusals.stream().map(Refusal::message).toList()));
		this.refusals = List.copyOf(refusals);
	}

	public List<Refusal> refusals() {
		return refusals;
	}
}
