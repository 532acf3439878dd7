package org.homeroom.platform;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Homeroom keeps its data and which database it uses.
 *
 * @param dataDirectory the embedded database and working files ({@code HOMEROOM_DATA_DIR}).
 * @param database an external PostgreSQL server; when its URL is empty the embedded one is used.
 */
@ConfigurationProperties("homeroom.platform")
public record PlatformSettings(@DefaultValue("./data") Path dataDirectory, @DefaultValue Database database) {

	public record Database(String url, String username, String password) {

		public boolean external() {
			return url != null && !url.isBlank();
		}
	}
}
