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
 * <p>Depends on {@code shared}, {@code platform} and {@code directory}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "directory" })
package org.homeroom.accounts;
