/**
 * Office hours: each member of staff's weekly hours on the district's clock (the district's school
 * day unless they set their own, on their account), and the automatic answer a family gets when it
 * writes outside them, in the family's language. {@link org.homeroom.messaging.officehours.OfficeHours}
 * is what conversations call; nothing here sends a message.
 */
package org.homeroom.messaging.officehours;
