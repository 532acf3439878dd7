package org.homeroom.messaging.sms;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMS provider: Twilio, or anything that speaks its Messages API. SMS is on when the account,
 * its token and a sender are all set; a half-set configuration stops start-up with what is missing,
 * rather than failing each text later.
 *
 * @param baseUrl Twilio's API address; tests point it at a loopback server
 * @param accountSid the account ({@code AC…})
 * @param authToken the account's auth token: it signs requests and webhooks, and is never logged
 * @param from the sending number in E.164, or a Messaging Service ({@code MG…}) that picks one
 * @param messagesPerSecond the most texts one node hands to the provider in a second (a long code
 *     is allowed about one a second)
 */
@ConfigurationProperties("homeroom.sms")
public record SmsSettings(@DefaultValue("https://api.twilio.com") String baseUrl, String accountSid, String authToken,
		String from, @DefaultValue("1") int messagesPerSecond) {

	private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

	private static final Pattern SERVICE = Pattern.compile("MG[0-9a-fA-F]{32}");

	private static final Pattern ACCOUNT = Pattern.compile("AC[0-9a-fA-F]{32}");

	public SmsSettings {
		baseUrl = blankToNull(baseUrl) == null ? "https://api.twilio.com" : baseUrl.strip();
		accountSid = blankToNull(accountSid);
		authToken = blankToNull(authToken);
		from = blankToNull(from);
		List<String> problems = new ArrayList<>();
		URI base;
		try {
			base = URI.create(baseUrl);
		}
		catch (IllegalArgumentException ex) {
			base = null;
		}
		if (base == null || base.getHost() == null || !("https".equals(base.getScheme()) || "http".equals(base.getScheme()))) {
			problems.add("HOMEROOM_SMS_BASE_URL must be an http(s) address, such as https://api.twilio.com");
		}
		boolean any = accountSid != null || authToken != null || from != null;
		if (any) {
			if (accountSid == null) {
				problems.add("HOMEROOM_SMS_ACCOUNT_SID is missing");
			}
			else if (!ACCOUNT.matcher(accountSid).matches()) {
				problems.add("HOMEROOM_SMS_ACCOUNT_SID must be a Twilio account SID (AC and 32 hexadecimal digits)");
			}
			if (authToken == null) {
				problems.add("HOMEROOM_SMS_AUTH_TOKEN is missing");
			}
			if (from == null) {
				problems.add("HOMEROOM_SMS_FROM is missing");
			}
			else if (!E164.matcher(from).matches() && !SERVICE.matcher(from).matches()) {
				problems.add("HOMEROOM_SMS_FROM must be a number in E.164 (+15555550123) or a Messaging Service SID (MG…)");
			}
		}
		if (messagesPerSecond < 1 || messagesPerSecond > 1000) {
			problems.add("homeroom.sms.messages-per-second must be between 1 and 1000");
		}
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException("SMS is not configured correctly: " + String.join("; ", problems)
					+ ". Set all of HOMEROOM_SMS_ACCOUNT_SID, HOMEROOM_SMS_AUTH_TOKEN and HOMEROOM_SMS_FROM, or none.");
		}
	}

	/** Whether texts can go to a provider: account, token and sender all set. */
	public boolean configured() {
		return accountSid != null && authToken != null && from != null;
	}

	/** Whether {@link #from} names a Messaging Service, sent as {@code MessagingServiceSid} rather than {@code From}. */
	boolean fromIsService() {
		return from != null && from.startsWith("MG");
	}

	/** Without the token, which must never reach a log. */
	@Override
	public String toString() {
		return "SmsSettings[baseUrl=" + baseUrl + ", accountSid=" + accountSid + ", authToken="
				+ (authToken == null ? "none" : "[hidden]") + ", from=" + from + ", messagesPerSecond=" + messagesPerSecond + "]";
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
