package org.homeroom.accounts.administration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.homeroom.accounts.Account;
import org.homeroom.accounts.AccountLinks;
import org.homeroom.accounts.AccountRepository;
import org.homeroom.accounts.Accounts;
import org.homeroom.accounts.PasswordResets;
import org.homeroom.accounts.PasswordRule;
import org.homeroom.accounts.RememberedDevices;
import org.homeroom.accounts.Role;
import org.homeroom.accounts.SecurityLog;
import org.homeroom.accounts.WebSessions;
import org.homeroom.accounts.tokens.ApiTokens;
import org.homeroom.directory.Records;
import org.homeroom.directory.SchoolView;
import org.homeroom.directory.StaffAdministration.StaffMember;
import org.homeroom.directory.StaffAdministration;
import org.homeroom.directory.Viewer;
import org.homeroom.platform.InvalidInputException;
import org.homeroom.platform.NotFoundException;
import org.homeroom.platform.OutgoingMail;
import org.homeroom.platform.UiLanguages;
import org.homeroom.shared.EmailAddress;
import org.homeroom.shared.LanguageTag;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Administrators manage staff accounts: they see every staff record they manage with its account's
 * state, invite staff by e-mail, give and take roles, and deactivate accounts. Roles at a school
 * are the directory's staff assignments (the access policy reads those); only district-wide roles
 * are grants on the account. District administrators manage everyone; a school administrator
 * manages the staff of their own schools.
 */
@Service
class AccountAdministration {

	static final int PAGE_SIZE = 25;

	private final AccountRepository accounts;

	private final StaffAdministration staff;

	private final AccountLinks links;

	private final OutgoingMail mail;

	private final MessageSource messages;

	private final PasswordEncoder passwords;

	private final SecurityLog log;

	private final WebSessions sessions;

	private final RememberedDevices devices;

	private final ApiTokens tokens;

	private final PasswordResets resets;

	private final java.time.Clock clock;

	AccountAdministration(AccountRepository accounts, StaffAdministration staff, AccountLinks links,
			OutgoingMail mail, MessageSource messages, PasswordEncoder passwords, SecurityLog log, WebSessions sessions,
			RememberedDevices devices, ApiTokens tokens, PasswordResets resets, java.time.Clock clock) {
		this.accounts = accounts;
		this.staff = staff;
		this.links = links;
		this.mail = mail;
		this.messages = messages;
		this.passwords = passwords;
		this.log = log;
		this.sessions = sessions;
		this.devices = devices;
		this.tokens = tokens;
		this.resets = resets;
		this.clock = clock;
	}

	enum Status {
		NOT_INVITED, INVITED, ACTIVE, DEACTIVATED
	}

	/**
	 * One line per staff record the caller manages and, for district administrators, per staff
	 * account without a record (after the records), so that no account goes unseen.
	 */
	@Transactional(readOnly = true)
	AccountsPage list(Viewer caller, String q, int page) {
		Viewer viewer = administrator(caller);
		int from = Math.max(page, 0);
		StaffAdministration.StaffPage records = staff.staff(viewer, q, from, PAGE_SIZE);
		List<Account> withoutRecord = viewer.districtAdmin() ? accountsWithoutRecord(q) : List.of();
		List<AccountLine> lines = new ArrayList<>(lines(records.items()));
		long offset = (long) from * PAGE_SIZE + lines.size() - records.total();
		for (long i = Math.max(offset, 0); lines.size() < PAGE_SIZE && i < withoutRecord.size(); i++) {
			lines.add(line(withoutRecord.get((int) i)));
		}
		return new AccountsPage(lines, from, records.total() + withoutRecord.size());
	}

	@Transactional(readOnly = true)
	AccountDetail detail(Viewer caller, UUID id) {
		Viewer viewer = administrator(caller);
		Optional<StaffMember> record = staff.staffMember(viewer, id);
		if (record.isPresent()) {
			Optional<Account> account = Optional.ofNullable(record.get().email()).flatMap(accounts::findByUsername);
			return new AccountDetail(lines(List.of(record.get())).get(0), account.map(Account::id).orElse(null),
					staff.schoolsAdministeredBy(viewer), viewer.districtAdmin(), self(caller, account));
		}
		// An account without a staff record is listed, and opened, by its account id.
		Account account = accounts.findById(id).filter(found -> !found.family() && viewer.districtAdmin()
				&& staff.emailsOnFile(List.of(found.username())).isEmpty()).orElseThrow(() -> new NotFoundException("staff"));
		return new AccountDetail(line(account), account.id(), List.of(), true, self(caller, Optional.of(account)));
	}

	/** Sends an invitation to each of these records that has an address and no account yet; returns how many. */
	@Transactional
	int invite(Viewer caller, Collection<UUID> staffIds, String language) {
		Viewer viewer = administrator(caller);
		LanguageTag tag = invitationLanguage(language);
		int sent = 0;
		for (UUID id : staffIds) {
			StaffMember member = staff.staffMember(viewer, id).orElseThrow(() -> new NotFoundException("staff"));
			if (member.email() != null && !accounts.existsByUsername(member.email())) {
				sendInvitation(caller.name(), member, tag);
				sent++;
			}
		}
		return sent;
	}

	/** Invites everyone matching the search who has an address, no account and no open invitation. */
	@Transactional
	int inviteAllNotYetInvited(Viewer caller, String q, String language) {
		Viewer viewer = administrator(caller);
		LanguageTag tag = invitationLanguage(language);
		List<StaffMember> matching = staff.allStaff(viewer, q).stream().filter(member -> member.email() != null).toList();
		Set<String> withAccount = accounts.findByUsernameIn(matching.stream().map(StaffMember::email).toList())
			.stream().map(Account::username).collect(Collectors.toSet());
		Set<UUID> invited = links.invited(matching.stream().map(StaffMember::id).toList());
		List<StaffMember> toInvite = matching.stream()
			.filter(member -> !withAccount.contains(member.email()) && !invited.contains(member.id()))
			.toList();
		toInvite.forEach(member -> sendInvitation(caller.name(), member, tag));
		return toInvite.size();
	}

	private void sendInvitation(String invitedBy, StaffMember member, LanguageTag language) {
		String token = links.invite(member.id(), member.email(), language.value(), invitedBy);
		Locale locale = Locale.forLanguageTag(language.value());
		mail.send(member.email(), messages.getMessage("staffaccounts.invitation.subject", null, locale),
				messages.getMessage("staffaccounts.invitation.body",
						new Object[] { member.givenName(), links.url(AccountLinks.Purpose.INVITATION, token),
								AccountLinks.INVITATION_VALIDITY.toDays() },
						locale));
		log.record(SecurityLog.Kind.INVITED, member.email(), null, "by " + invitedBy);
	}

	/** The name and address an invitation is for, if the link is still open. */
	@Transactional(readOnly = true)
	Optional<StaffMember> invitation(String token) {
		return links.open(AccountLinks.Purpose.INVITATION, token)
			.flatMap(link -> staff.staffRecord(link.staffId()))
			.filter(member -> member.active() && member.email() != null && !accounts.existsByUsername(member.email()));
	}

	/**
	 * Creates the account an invitation is for, with the record's name and the chosen password.
	 * Returns its sign-in name; empty when the link is used, expired, or its record gone.
	 */
	@Transactional
	Optional<String> accept(String token, String password) {
		PasswordRule.require(password);
		Optional<AccountLinks.Link> link = links.open(AccountLinks.Purpose.INVITATION, token);
		Optional<StaffMember> member = link.flatMap(found -> staff.staffRecord(found.staffId()))
			.filter(found -> found.active() && found.email() != null && found.email().equals(link.get().email())
					&& !accounts.existsByUsername(found.email()));
		if (member.isEmpty() || !links.use(link.get())) {
			return Optional.empty();
		}
		accounts.save(Account.staff(EmailAddress.of(member.get().email()), member.get().name(), passwords.encode(password),
				LanguageTag.of(link.get().language()), clock.instant()));
		log.record(SecurityLog.Kind.INVITATION_ACCEPTED, member.get().email(), null, null);
		return Optional.of(member.get().email());
	}

	@Transactional
	void assignRole(Viewer caller, UUID staffId, UUID schoolId, String role) {
		Viewer viewer = administrator(caller);
		StaffMember member = staff.staffMember(viewer, staffId).orElseThrow(() -> new NotFoundException("staff"));
		if (staff.assign(viewer, staffId, schoolId, role)) {
			log.record(SecurityLog.Kind.ROLE_GRANTED, subject(member), null,
					role + " at " + schoolName(member, viewer, schoolId) + " by " + caller.name());
		}
	}

	@Transactional
	void removeRole(Viewer caller, UUID staffId, UUID schoolId, String role) {
		Viewer viewer = administrator(caller);
		StaffMember member = staff.staffMember(viewer, staffId).orElseThrow(() -> new NotFoundException("staff"));
		String school = schoolName(member, viewer, schoolId);
		if (staff.unassign(viewer, staffId, schoolId, role)) {
			log.record(SecurityLog.Kind.ROLE_REVOKED, subject(member), null, role + " at " + school + " by " + caller.name());
		}
	}

	/** District administration is a grant on the account, which only district administrators give. */
	@Transactional
	void grantDistrictAdmin(Viewer caller, UUID accountId) {
		Account account = accountManagedByDistrictAdmin(caller, accountId);
		if (!account.holdsDistrictWide(Role.DISTRICT_ADMIN)) {
			account.grant(Role.DISTRICT_ADMIN);
			log.record(SecurityLog.Kind.ROLE_GRANTED, account.username(), null, "DISTRICT_ADMIN by " + caller.name());
		}
	}

	@Transactional
	void revokeDistrictAdmin(Viewer caller, UUID accountId) {
		Account account = accountManagedByDistrictAdmin(caller, accountId);
		if (account.holdsDistrictWide(Role.DISTRICT_ADMIN)) {
			requireAnotherDistrictAdmin(account, "role");
			account.revoke(Role.DISTRICT_ADMIN);
			log.record(SecurityLog.Kind.ROLE_REVOKED, account.username(), null, "DISTRICT_ADMIN by " + caller.name());
		}
	}

	/**
	 * Deactivates an account: it can no longer sign in, its web sessions end, its API tokens are
	 * revoked and its remembered devices signed out. Nobody deactivates themself, and the district
	 * always keeps one active district administrator.
	 */
	@Transactional
	void deactivate(Viewer caller, UUID id) {
		Account account = managedAccount(caller, id);
		if (account.username().equals(caller.name())) {
			throw new InvalidInputException("account", "You cannot deactivate your own account");
		}
		if (!account.active()) {
			return;
		}
		if (account.holdsDistrictWide(Role.DISTRICT_ADMIN)) {
			requireAnotherDistrictAdmin(account, "account");
		}
		account.deactivate();
		sessions.endAll(account.username(), null);
		devices.revokeAll(account.username());
		tokens.revokeAllOfDeactivated(account.id());
		log.record(SecurityLog.Kind.ACCOUNT_DEACTIVATED, account.username(), null, "by " + caller.name());
	}

	@Transactional
	void reactivate(Viewer caller, UUID id) {
		Account account = managedAccount(caller, id);
		if (!account.active()) {
			account.reactivate();
			log.record(SecurityLog.Kind.ACCOUNT_REACTIVATED, account.username(), null, "by " + caller.name());
		}
	}

	/** An administrator sends a password reset link to an account they manage. */
	@Transactional
	void sendPasswordReset(Viewer caller, UUID id) {
		Account account = managedAccount(caller, id);
		if (!account.active()) {
			throw new InvalidInputException("account", "A deactivated account cannot reset its password");
		}
		resets.sendRequestedByAdministrator(account, caller.name());
	}

	/**
	 * The account behind a line of the list (a staff record's id, or an account's own), if the
	 * caller manages it. A school administrator never acts on a district administrator's account,
	 * even one who also works at their school: that would let them lock out those above them.
	 */
	@Transactional(readOnly = true)
	Account managedAccount(Viewer caller, UUID id) {
		AccountDetail detail = detail(caller, id);
		if (detail.accountId() == null) {
			throw new NotFoundException("account");
		}
		Account account = accounts.findById(detail.accountId()).orElseThrow(() -> new NotFoundException("account"));
		if (!detail.districtAdmin() && account.holdsDistrictWide(Role.DISTRICT_ADMIN)) {
			throw new AccessDeniedException("Only district administrators manage a district administrator's account");
		}
		return account;
	}

	private Account accountManagedByDistrictAdmin(Viewer caller, UUID id) {
		Viewer viewer = administrator(caller);
		if (!viewer.districtAdmin()) {
			throw new AccessDeniedException("Only district administrators grant district administration");
		}
		return managedAccount(caller, id);
	}

	private void requireAnotherDistrictAdmin(Account account, String field) {
		if (account.active() && accounts.countActiveHolding(Role.DISTRICT_ADMIN) <= 1) {
			throw new InvalidInputException(field, "The district needs at least one active district administrator");
		}
	}

	private Viewer administrator(Viewer caller) {
		if (!staff.administers(caller)) {
			throw new AccessDeniedException("Accounts are managed by administrators");
		}
		return caller;
	}

	private static boolean self(Viewer caller, Optional<Account> account) {
		return account.map(found -> found.username().equals(caller.name())).orElse(false);
	}

	private String schoolName(StaffMember member, Viewer viewer, UUID schoolId) {
		return staff.schoolsAdministeredBy(viewer).stream().filter(school -> school.id().equals(schoolId))
			.map(SchoolView::name).findFirst()
			.orElseGet(() -> member.assignments().stream().filter(a -> a.schoolId().equals(schoolId))
				.map(Records.Assignment::schoolName).findFirst().orElse(String.valueOf(schoolId)));
	}

	/** The security log names accounts by sign-in name; a record without an address by its id. */
	private static String subject(StaffMember member) {
		return member.email() != null ? member.email() : "staff:" + member.id();
	}

	private List<Account> accountsWithoutRecord(String q) {
		String search = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
		List<Account> staffAccounts = accounts.findStaff();
		Set<String> onFile = staff.emailsOnFile(staffAccounts.stream().map(Account::username).toList());
		return staffAccounts.stream()
			.filter(account -> !onFile.contains(account.username()))
			.filter(account -> search.isEmpty() || account.username().contains(search)
					|| account.displayName().toLowerCase(Locale.ROOT).contains(search))
			.toList();
	}

	private List<AccountLine> lines(List<StaffMember> members) {
		List<String> emails = members.stream().map(StaffMember::email).filter(java.util.Objects::nonNull).toList();
		Map<String, Account> byEmail = emails.isEmpty() ? Map.of()
				: accounts.findByUsernameIn(emails).stream().collect(Collectors.toMap(Account::username, Function.identity()));
		Set<UUID> invited = links.invited(members.stream().map(StaffMember::id).toList());
		return members.stream().map(member -> {
			Account account = member.email() == null ? null : byEmail.get(member.email());
			Status status = account != null ? (account.active() ? Status.ACTIVE : Status.DEACTIVATED)
					: invited.contains(member.id()) ? Status.INVITED : Status.NOT_INVITED;
			return new AccountLine(member.id(), member.name(), member.email(), member.assignments(),
					account == null ? List.of() : districtRoles(account), status,
					account == null ? null : account.lastSignedInAt());
		}).toList();
	}

	private static AccountLine line(Account account) {
		return new AccountLine(account.id(), account.displayName(), account.username(), List.of(), districtRoles(account),
				account.active() ? Status.ACTIVE : Status.DEACTIVATED, account.lastSignedInAt());
	}

	private static List<String> districtRoles(Account account) {
		return account.roles().stream().map(Role::name)
			.sorted().toList();
	}

	private static LanguageTag invitationLanguage(String language) {
		return UiLanguages.matchForStaff(language).map(locale -> LanguageTag.of(locale.toLanguageTag()))
			.orElseThrow(() -> new InvalidInputException("language", "Please choose one of the languages in the list"));
	}

	/**
	 * One line of the list: {@code id} opens its page (a staff record's id, or for an account
	 * without a record the account's). District roles are the account's grants; school roles the
	 * record's assignments.
	 */
	record AccountLine(UUID id, String name, String email, List<Records.Assignment> assignments,
			List<String> districtRoles, Status status, Instant lastSignedInAt) {

		public boolean invitable() {
			return email != null && (status == Status.NOT_INVITED || status == Status.INVITED);
		}
	}

	record AccountsPage(List<AccountLine> items, int page, long total) {
	}

	/** @param schools the schools where the caller may give this person a role */
	record AccountDetail(AccountLine line, UUID accountId, List<SchoolView> schools, boolean districtAdmin,
			boolean self) {

		/** Whether the caller may reset, deactivate or reactivate this account. */
		public boolean accountActions() {
			return accountId != null && (districtAdmin || !line.districtRoles().contains(Role.DISTRICT_ADMIN.name()));
		}

		public boolean manages(UUID schoolId) {
			return schools.stream().anyMatch(school -> school.id().equals(schoolId));
		}
	}
}
