package org.homeroom.directory;

import java.util.List;

/** How a family wants to be reached, as it sees it on its own contact pages. */
public record FamilyReach(String preferredLanguage, List<DirectoryCommands.Channel> preferredChannels, String bestTimes) {
}
