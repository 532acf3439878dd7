package org.homeroom.directory;

import java.util.UUID;

/** A school of the district. */
public record SchoolView(UUID id, String name, String kind) {
}
