/**
 * Families: sign-in with a one-time code sent to a contact the directory has on file (page and
 * API), the family account's links to its guardian records, the welcome at the first sign-in, and
 * the family's own contacts, each verified with a code before it is used. Notices that school staff
 * changed a family's contacts go out the way the codes do, so they live here too.
 */
package org.homeroom.accounts.family;
