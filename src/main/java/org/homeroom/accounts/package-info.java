/**
 * Who is signing in, and how: staff accounts with passwords and a second step (an authenticator
 * app, or recovery codes) that administrators must use, the roles they hold, database-backed
 * sessions, and named, expiring API tokens. Families sign in with a one-time code sent to a
 * contact the directory has on file, and their account is linked to those guardian records. At
 * their first web sign-in, families are welcomed in three steps (contacts, language, best times);
 * a contact they add is verified with a one-time code before the directory uses it. It answers
 * the platform's {@link org.homeroom.platform.UserProfiles} port so
 * that pages appear in each user's own language, and the directory's
 * {@link org.homeroom.directory.GuardianAccounts} port so that a family sees its own children.
 *
 * <p>Administrators invite staff (an account is made when the invitation is accepted), give
 * district-wide roles and deactivate accounts; per-school roles stay in the directory's staff
 * assignments. Forgotten passwords are reset by e-mailed links, and everyone sees and ends their
 * own sessions. District administrators are e-mailed when the directory's scheduled roster sync
 * fails ({@link org.homeroom.directory.RosterSyncFailed}).
 *
 * <p>The base package holds the module's entry point ({@link org.homeroom.accounts.Accounts}),
 * the roles, the account itself, security configuration, sign-in lockout, the throttle, the
 * security log, sessions, password resets and the one password rule. The sub-packages
 * {@code family}, {@code twostep}, {@code tokens} and {@code administration} are internal to the
 * module. Java makes public whatever a sub-package uses from another, so several types here are
 * public for the sub-packages' sake only; other modules use {@code Accounts} and {@code Role}
 * alone, and {@code AccountsApiTests} fails when they reach for anything else.
 *
 * <p>Depends on {@code shared}, {@code platform}, {@code directory} and {@code translation}: the words of
 * the codes and notices it sends are automatic messages, read from {@code translation.CuratedTexts} so
 * that a district's own text wins. Translation depends on none of accounts, so there is no cycle.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "directory", "translation" })
package org.homeroom.accounts;
