/**
 * The people Homeroom works with and how they are related: the district and its schools, school
 * years and terms; students and their enrolments; guardians, their contact points and
 * relationships to students, and the restrictions on those relationships; staff, where they work,
 * and the classes they teach.
 *
 * <p>Because it owns the relationships, it owns the one access policy that decides who may see a
 * student ({@link org.homeroom.directory.Directory#canSee}); every other module asks it and never
 * reimplements it. Its API and its staff pages (student search and records, families, colleagues,
 * a teacher's classes) read through the same entry methods, so both obey that policy and log.
 *
 * <p>Its API is a service per job: {@link org.homeroom.directory.Directory} (reads, through the
 * access policy), {@link org.homeroom.directory.DistrictClock} (the district's zone and day),
 * {@link org.homeroom.directory.Audiences} (whom a message reaches) and
 * {@link org.homeroom.directory.FamilyDetails} (a family's own contacts and preferences, for
 * accounts) and {@link org.homeroom.directory.FamilyLanguages} (how many guardians prefer each
 * language, counts only, for planning translation). Records kept by hand are written only through its own API controller.
 *
 * <p>Who is calling is a {@link org.homeroom.directory.Viewer}: a controller in any module declares
 * one as a parameter and gets it looked up once per request, from the sign-in.
 *
 * <p>Roles held at a school are staff assignments, kept here and nowhere else; administrators
 * manage them through {@link org.homeroom.directory.StaffAdministration}.
 *
 * <p>Depends on {@code shared} and {@code platform}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform" })
package org.homeroom.directory;
