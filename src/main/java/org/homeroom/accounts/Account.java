package org.homeroom.accounts;

import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.homeroom.shared.EmailAddress;
import org.homeroom.shared.LanguageTag;

/** A person who can sign in to Homeroom, with the roles they hold. */
@Entity
@Table(schema = "accounts", name = "account")
public class Account {

	public static final String FAMILY_PREFIX = "family:";

	@Id
	private UUID id;

	private String username;

	private String displayName;

	private String passwordHash;

	private String preferredLanguage;

	private boolean active;

	private Instant createdAt;

	private Instant welcomeSettledAt;

	private String signInContact;

	private Instant lastSignedInAt;

	@Version
	private long version;

	/** District-wide roles only: a role at one school is the directory's staff assignment. */
	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(schema = "accounts", name = "role_grant", joinColumns = @JoinColumn(name = "account_id"))
	@Column(name = "role")
	@Enumerated(EnumType.STRING)
	private Set<Role> roles = new HashSet<>();

	protected Account() {
	}

	private Account(String username, String displayName, String passwordHash, LanguageTag language,
			Instant createdAt) {
		this.id = UUID.randomUUID();
		this.username = username;
		this.displayName = displayName;
		this.passwordHash = passwordHash;
		this.preferredLanguage = language.value();
		this.active = true;
		this.createdAt = createdAt;
	}

	public static Account staff(EmailAddress email, String displayName, String passwordHash, LanguageTag language,
			Instant now) {
		return new Account(email.value(), displayName, passwordHash, language, now);
	}

	/** A family account: it has no password; its holder proves who they are with a one-time code. */
	public static Account family(String displayName, LanguageTag language, Instant now) {
		Account account = new Account("", displayName, null, language, now);
		account.username = FAMILY_PREFIX + account.id;
		account.grant(Role.FAMILY);
		return account;
	}

	public void grant(Role role) {
		roles.add(role);
	}

	/** Takes a district-wide grant away; per-school roles live in the directory's staff assignments. */
	public void revoke(Role role) {
		roles.remove(role);
	}

	public boolean holdsDistrictWide(Role role) {
		return roles.contains(role);
	}

	/** A deactivated account cannot sign in; the caller ends its sessions, tokens and devices. */
	public void deactivate() {
		this.active = false;
	}

	public void reactivate() {
		this.active = true;
	}

	void changePassword(String passwordHash) {
		this.passwordHash = passwordHash;
	}

	void preferLanguage(LanguageTag language) {
		this.preferredLanguage = language.value();
	}

	/** The family finished or skipped the welcome, so sign-in no longer leads to it. */
	void settleWelcome(Instant now) {
		if (welcomeSettledAt == null) {
			welcomeSettledAt = now;
		}
	}

	public boolean welcomeSettled() {
		return welcomeSettledAt != null;
	}

	/** The (normalised) contact a family account last signed in with. */
	public void signedInWith(String contact) {
		this.signInContact = contact;
	}

	public java.util.Optional<String> signInContact() {
		return java.util.Optional.ofNullable(signInContact);
	}

	public UUID id() {
		return id;
	}

	/** The sign-in name: a member of staff's e-mail address, or {@code family:<id>}. */
	public String username() {
		return username;
	}

	public String displayName() {
		return displayName;
	}

	String passwordHash() {
		return passwordHash;
	}

	public LanguageTag preferredLanguage() {
		return LanguageTag.of(preferredLanguage);
	}

	public boolean active() {
		return active;
	}

	public Instant lastSignedInAt() {
		return lastSignedInAt;
	}

	public boolean family() {
		return username.startsWith(FAMILY_PREFIX);
	}

	public Set<Role> roles() {
		return Collections.unmodifiableSet(roles);
	}
}
