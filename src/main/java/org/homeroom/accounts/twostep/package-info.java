/**
 * Two-step sign-in for staff: the authenticator-app codes (TOTP, RFC 6238) and the QR code that
 * carries their secret, recovery codes, the district's policy of who must use it, and the gate
 * that holds a signed-in member of staff at the second step until they pass it.
 */
package org.homeroom.accounts.twostep;
