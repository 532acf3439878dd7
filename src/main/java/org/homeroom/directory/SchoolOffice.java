package org.homeroom.directory;

import java.util.UUID;

/** A school as families are told to reach it: its name and its office's phone, E.164, if known. */
public record SchoolOffice(UUID id, String name, String phone) {
}
