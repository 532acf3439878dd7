/**
 * Administrators manage staff accounts: the list and each account's page, inviting staff and the
 * page where an invitation is accepted, roles, deactivation, and the first district administrator
 * made from the settings on an empty database.
 */
package org.homeroom.accounts.administration;
