/**
 * The ground every page and job stands on: the database (embedded PostgreSQL by default, an
 * external server in production), demo mode and its development outbox, the page layout and
 * navigation, the UI language and its direction, error pages and API problem details, and the
 * security headers.
 *
 * <p>Depends only on {@code shared}. Where it needs something that a higher module knows (which
 * language a signed-in user wants, which demo data to seed, which navigation entries exist) it
 * declares a small port ({@link org.homeroom.platform.UserProfiles},
 * {@link org.homeroom.platform.DemoData}, {@link org.homeroom.platform.NavigationItem}) and the
 * higher module supplies it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package org.homeroom.platform;
