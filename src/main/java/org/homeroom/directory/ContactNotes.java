package org.homeroom.directory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Notes beside a contact on staff pages, read by the contacts fragment
 * ({@code ${@contactNotes.smsOptedOut(phone)}}) on pages the access policy already let the reader
 * open. Without messaging's answer (a context with no SMS channel), no note is shown.
 */
@Component("contactNotes")
class ContactNotes {

	private final ObjectProvider<PhoneOptOuts> optOuts;

	ContactNotes(ObjectProvider<PhoneOptOuts> optOuts) {
		this.optOuts = optOuts;
	}

	public boolean smsOptedOut(String phone) {
		PhoneOptOuts answer = optOuts.getIfAvailable();
		return phone != null && answer != null && answer.smsOptedOut(phone);
	}
}
