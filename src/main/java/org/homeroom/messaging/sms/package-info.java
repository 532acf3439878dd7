/**
 * SMS inside messaging, through Twilio's Messages REST API: the client that hands a text to
 * Twilio, the outbox and its worker that send one-off texts (keyword answers now; conversation
 * notices and sign-in codes later) at the provider's rate, the signed webhooks that bring inbound
 * texts and delivery status back (a status that comes before its text's sid is stored is kept until
 * it is, {@link org.homeroom.messaging.sms.SmsStatusCallbacks}), the opt-out keywords that carriers require, and the rule that
 * splits nothing longer than three segments. Inbound texts that are not keywords wait for the
 * school office, through the {@link org.homeroom.messaging.sms.InboundTexts} port that
 * conversations implement. Internal to the messaging module.
 */
package org.homeroom.messaging.sms;
