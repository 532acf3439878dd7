/**
 * Conversations by SMS, inside messaging: a staff message is texted to the guardians who read SMS
 * ({@link org.homeroom.messaging.textreplies.StaffMessageTexts}), as is the automatic answer outside
 * office hours (always to a family whose message came by text, unless its number opted out), and a family's text back is
 * routed into the thread it answers, or, when that cannot be known for sure, kept for the school
 * office (a numbered menu asks the family which thread they meant). It joins the SMS channel and
 * conversations through their public classes only. Internal to the messaging module.
 */
package org.homeroom.messaging.textreplies;
