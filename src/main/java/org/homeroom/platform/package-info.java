/**
 * The ground every page and job stands on: the database (embedded PostgreSQL by default, an
 * external server in production), demo mode and its development outbox, the page layout and
 * navigation, the UI language and its direction, error pages and API problem details, and the
 * security headers.
 *
 * <p>The interface languages ({@link org.homeroom.platform.UiLanguages}): the family pages, e-mails
 * and texts in the families' languages (English, Spanish, Arabic, Vietnamese, Simplified Chinese,
 * Somali, Haitian Creole, Portuguese), the staff pages in English, Spanish and Arabic; a key a
 * language lacks is read in English (docs/languages.md).
 *
 * <p>Depends only on {@code shared}. Where it needs something that a higher module knows (which
 * language a signed-in user wants, which demo data to seed, which navigation entries exist) it
 * declares a small port ({@link org.homeroom.platform.UserProfiles},
 * {@link org.homeroom.platform.DemoData}, {@link org.homeroom.platform.NavigationItem}) and the
 * higher module supplies it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package org.homeroom.platform;
