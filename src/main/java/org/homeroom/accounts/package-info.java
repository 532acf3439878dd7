/**
 * Who is signing in, and how: staff accounts with passwords (multi-factor sign-in and family
 * one-time codes come later), the roles they hold, database-backed sessions, and named, expiring
 * API tokens. It answers the platform's {@link org.homeroom.platform.UserProfiles} port so that
 * pages appear in each user's own language.
 *
 * <p>Depends on {@code shared} and {@code platform}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform" })
package org.homeroom.accounts;
