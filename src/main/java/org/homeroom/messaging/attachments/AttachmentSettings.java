package org.homeroom.messaging.attachments;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param directory where attachments' content is written, one file per attachment; when not set,
 *     it is written to PostgreSQL. Content already stored stays where it was written.
 */
@ConfigurationProperties("homeroom.messaging.attachments")
record AttachmentSettings(Path directory) {
}
