package org.homeroom.directory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param defaultRegion the ISO 3166 region assumed for phone numbers written without a country
 *     code ({@code HOMEROOM_DEFAULT_REGION})
 */
@ConfigurationProperties("homeroom.directory")
record DirectorySettings(@DefaultValue("US") String defaultRegion) {
}
