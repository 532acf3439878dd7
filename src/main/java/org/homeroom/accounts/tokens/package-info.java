/**
 * Named, expiring API tokens: issuing, listing and revoking them (page and API), and the filter
 * that signs in a request carrying one. Only a hash of each secret is kept.
 */
package org.homeroom.accounts.tokens;
