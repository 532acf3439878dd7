package org.homeroom.messaging.sms;

/**
 * The port through which a text a family sent (not a keyword) leaves the SMS channel. It is called
 * once per text, after the text is stored as WAITING, outside any transaction of the channel's;
 * an implementation that routes it into a conversation marks it routed with
 * {@link SmsInbox#markRouted}. Without one, texts wait in the school office's queue
 * ({@link SmsInbox#waiting}). Declare an implementation as a bean and the default steps aside.
 */
public interface InboundTexts {

	void received(InboundText text);
}
