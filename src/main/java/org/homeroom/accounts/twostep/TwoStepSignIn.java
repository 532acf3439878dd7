package org.homeroom.accounts.twostep;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.codec.digest.DigestUtils;
import org.homeroom.accounts.Account;
import org.homeroom.accounts.AccountUserDetailsService;
import org.homeroom.accounts.Accounts;
import org.homeroom.accounts.Role;
import org.homeroom.accounts.SecurityLog;
import org.homeroom.accounts.Throttle;
import org.homeroom.accounts.TooManyRequestsException;
import org.homeroom.accounts.tokens.ApiTokens;
import org.homeroom.platform.DemoSettings;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.OutgoingMail;
import org.homeroom.shared.StaffRoles;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two-step sign-in for staff: after the password, a code from an authenticator app (TOTP) or one
 * of ten recovery codes. Administrators must use it outside demo mode, because one staff account
 * without a second factor is how the largest breach in this field began; the district may require
 * it of every member of staff, and may make demo mode follow the same rule.
 */
@Service
public class TwoStepSignIn {

	public static final int RECOVERY_CODES = 10;

	static final int FAILURES_ALLOWED = 5;

	static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);

	private static final String THROTTLE_SCOPE = "two-step-account";

	/** Without 0/O and 1/I/L, so that a code read off paper is typed right. */
	private static final char[] RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();

	private static final Set<String> ADMINISTRATORS = Set.of(Role.DISTRICT_ADMIN.authority(),
			Role.SCHOOL_ADMIN.authority());

	private static final Set<String> STAFF = StaffRoles.ALL.stream().map(role -> "ROLE_" + role)
		.collect(Collectors.toUnmodifiableSet());

	private static final SecureRandom RANDOM = new SecureRandom();

	enum Outcome {
		PASSED, WRONG, PAUSED
	}

	record Policy(boolean allStaff, boolean inDemo) {
	}

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final AccountUserDetailsService users;

	private final Throttle throttle;

	private final SecurityLog log;

	private final OutgoingMail mail;

	private final MessageSource messages;

	private final DemoSettings demo;

	private final Clock clock;

	private final ApiTokens tokens;

	TwoStepSignIn(JdbcClient jdbc, Accounts accounts, AccountUserDetailsService users, Throttle throttle,
			SecurityLog log, OutgoingMail mail, MessageSource messages, DemoSettings demo, Clock clock,
			ApiTokens tokens) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.users = users;
		this.throttle = throttle;
		this.log = log;
		this.mail = mail;
		this.messages = messages;
		this.demo = demo;
		this.clock = clock;
		this.tokens = tokens;
	}

	@Transactional(readOnly = true)
	Policy policy() {
		return jdbc.sql("select all_staff, in_demo from accounts.two_step_policy").query(Policy.class).single();
	}

	@Transactional
	void changePolicy(String administrator, Policy policy) {
		jdbc.sql("update accounts.two_step_policy set all_staff = ?, in_demo = ?, changed_by = ?, changed_at = ?")
			.params(policy.allStaff(), policy.inDemo(), administrator, Timestamp.from(clock.instant()))
			.update();
		log.record(SecurityLog.Kind.TWO_STEP_POLICY_CHANGED, administrator, null,
				"all staff: " + policy.allStaff() + (demo.enabled() ? ", in demo mode: " + policy.inDemo() : ""));
	}

	/** Whether someone holding these authorities must have a second factor before doing anything else. */
	@Transactional(readOnly = true)
	boolean requiredFor(Collection<? extends GrantedAuthority> authorities) {
		Policy policy = policy();
		if (demo.enabled() && !policy.inDemo()) {
			return false;
		}
		return authorities.stream().map(GrantedAuthority::getAuthority)
			.anyMatch(authority -> ADMINISTRATORS.contains(authority) || (policy.allStaff() && STAFF.contains(authority)));
	}

	@Transactional(readOnly = true)
	boolean requiredFor(String username) {
		return requiredFor(users.loadUserByUsername(username).getAuthorities());
	}

	@Transactional(readOnly = true)
	public Optional<Instant> enabledSince(String username) {
		return jdbc.sql("""
				select f.enabled_at from accounts.second_factor f join accounts.account a on a.id = f.account_id
				where a.username = ?""").param(normalised(username)).query(Instant.class).optional();
	}

	@Transactional(readOnly = true)
	int recoveryCodesLeft(String username) {
		return jdbc.sql("select count(*) from accounts.recovery_code where account_id = ? and used_at is null")
			.param(accounts.account(username).id()).query(Integer.class).single();
	}

	/**
	 * Turns two-step sign-in on with the secret the person's app now holds, once a code from it
	 * proves that; answers the new recovery codes, which are shown once and never again. The
	 * account's API tokens are revoked: any of them may have been made with the password alone,
	 * by whoever else knew it, and the second factor is there to shut that person out.
	 */
	@Transactional
	Enabled enable(String username, String secret, String code) {
		Account account = accounts.account(username);
		OptionalLong step = Totp.matchingStep(secret, code, clock.instant(), 0);
		if (step.isEmpty()) {
			throw new InvalidInputException("code", "The code does not match: check the time on your phone and try the newest code");
		}
		jdbc.sql("""
				insert into accounts.second_factor (account_id, secret, enabled_at, last_step) values (?, ?, ?, ?)
				on conflict (account_id) do update set secret = excluded.secret, enabled_at = excluded.enabled_at,
				last_step = excluded.last_step""")
			.params(account.id(), secret, Timestamp.from(clock.instant()), step.getAsLong())
			.update();
		log.record(SecurityLog.Kind.TWO_STEP_ENABLED, account.username(), null, null);
		int tokensRevoked = tokens.revokeAll(account.id(), account.username(), "two-step sign-in set up");
		return new Enabled(replaceRecoveryCodes(account), tokensRevoked);
	}

	/** Two-step sign-in just turned on: the recovery codes to show once, and how many API tokens went. */
	record Enabled(List<String> recoveryCodes, int tokensRevoked) {
	}

	@Transactional
	List<String> newRecoveryCodes(String username) {
		Account account = accounts.account(username);
		log.record(SecurityLog.Kind.RECOVERY_CODES_REPLACED, account.username(), null, null);
		return replaceRecoveryCodes(account);
	}

	/** The second step at sign-in: a code from the app, or a recovery code, which is then used up. */
	@Transactional
	Outcome verify(String username, String code, String clientAddress) {
		Account account = accounts.account(username);
		// Counted before the code is checked, in one locked step with the check of the limit, so
		// that codes sent all at once cannot all be tried.
		try {
			throttle.acquire(THROTTLE_SCOPE, account.username(), FAILURES_ALLOWED, FAILURE_WINDOW);
		}
		catch (TooManyRequestsException ex) {
			log.record(SecurityLog.Kind.SIGN_IN_PAUSED, account.username(), clientAddress, "second step");
			return Outcome.PAUSED;
		}
		if (acceptsAppCode(account, code) || usesRecoveryCode(account, code, clientAddress)) {
			throttle.clear(THROTTLE_SCOPE, account.username());
			log.record(SecurityLog.Kind.TWO_STEP_PASSED, account.username(), clientAddress, null);
			return Outcome.PASSED;
		}
		log.record(SecurityLog.Kind.TWO_STEP_FAILED, account.username(), clientAddress, null);
		return throttle.count(THROTTLE_SCOPE, account.username(), FAILURE_WINDOW) >= FAILURES_ALLOWED ? Outcome.PAUSED
				: Outcome.WRONG;
	}

	/** Someone may turn their own second factor off only where nothing requires it, and with a current code. */
	@Transactional
	void disable(String username, String code) {
		Account account = accounts.account(username);
		if (requiredFor(username)) {
			throw new InvalidInputException("code", "Two-step sign-in is required for your account and cannot be turned off");
		}
		if (!acceptsAppCode(account, code)) {
			throw new InvalidInputException("code", "The code does not match");
		}
		removeSecondFactor(account);
		log.record(SecurityLog.Kind.TWO_STEP_DISABLED, account.username(), null, null);
	}

	/**
	 * For someone who lost their phone and their recovery codes: an administrator removes their
	 * second factor, so that they set up a new one at their next sign-in. They are told by e-mail,
	 * so that a reset they did not ask for does not go unnoticed.
	 */
	@Transactional
	void reset(String administrator, String username) {
		Account account = accounts.byUsername(username)
			.filter(found -> !found.username().startsWith(Account.FAMILY_PREFIX))
			.orElseThrow(() -> new InvalidInputException("account", "No staff account with this e-mail address"));
		if (account.username().equals(normalised(administrator))) {
			throw new InvalidInputException("account", "You cannot reset your own second factor; ask another administrator");
		}
		removeSecondFactor(account);
		log.record(SecurityLog.Kind.TWO_STEP_RESET, account.username(), null, "by " + administrator);
		Locale language = account.preferredLanguage().toLocale();
		mail.send(account.username(), messages.getMessage("two-step.reset.mail.subject", null, language),
				messages.getMessage("two-step.reset.mail.body", new Object[] { account.displayName(), administrator },
						language));
	}

	private boolean acceptsAppCode(Account account, String code) {
		Optional<SecondFactor> factor = jdbc.sql("select secret, last_step from accounts.second_factor where account_id = ?")
			.param(account.id()).query(SecondFactor.class).optional();
		if (factor.isEmpty()) {
			return false;
		}
		OptionalLong step = Totp.matchingStep(factor.get().secret(), code, clock.instant(), factor.get().lastStep());
		if (step.isEmpty()) {
			return false;
		}
		// Only one of two requests racing with the same code may move the step on.
		return jdbc.sql("update accounts.second_factor set last_step = ? where account_id = ? and last_step < ?")
			.params(step.getAsLong(), account.id(), step.getAsLong()).update() == 1;
	}

	private boolean usesRecoveryCode(Account account, String code, String clientAddress) {
		String typed = code == null ? "" : code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
		if (typed.length() != 12) {
			return false;
		}
		boolean used = jdbc.sql("""
				update accounts.recovery_code set used_at = ? where account_id = ? and code_hash = ? and used_at is null""")
			.params(Timestamp.from(clock.instant()), account.id(), DigestUtils.sha256Hex(typed)).update() == 1;
		if (used) {
			log.record(SecurityLog.Kind.RECOVERY_CODE_USED, account.username(), clientAddress, null);
		}
		return used;
	}

	private List<String> replaceRecoveryCodes(Account account) {
		jdbc.sql("delete from accounts.recovery_code where account_id = ?").param(account.id()).update();
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < RECOVERY_CODES; i++) {
			StringBuilder code = new StringBuilder();
			for (int c = 0; c < 12; c++) {
				code.append(RECOVERY_ALPHABET[RANDOM.nextInt(RECOVERY_ALPHABET.length)]);
			}
			jdbc.sql("insert into accounts.recovery_code (account_id, code_hash) values (?, ?)")
				.params(account.id(), DigestUtils.sha256Hex(code.toString())).update();
			codes.add(code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8));
		}
		return codes;
	}

	private void removeSecondFactor(Account account) {
		jdbc.sql("delete from accounts.second_factor where account_id = ?").param(account.id()).update();
		jdbc.sql("delete from accounts.recovery_code where account_id = ?").param(account.id()).update();
	}

	private static String normalised(String username) {
		return username.strip().toLowerCase(Locale.ROOT);
	}

	private record SecondFactor(String secret, long lastStep) {
	}
}
