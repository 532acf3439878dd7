package org.homeroom.platform;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Homeroom keeps its data and which database it uses.
 *
 * @param dataDirectory the embedded database and working files ({@code HOMEROOM_DATA_DIR}).
 * @param database an external PostgreSQL server; when its URL is empty the embedded one is used.
 * @param retention how long the platform keeps the rows it owns once they are done with (docs/retention.md)
 */
@ConfigurationProperties("homeroom.platform")
public record PlatformSettings(@DefaultValue("./data") Path dataDirectory, @DefaultValue Database database,
		@DefaultValue Retention retention) {

	/**
	 * @param outgoingMail how long a message sent or given up is kept, as the record of what went out
	 *     and what did not: a week covers "I never got the code" asked after a weekend, and the
	 *     row holds no body by then
	 * @param completedEvents how long a completed event publication may stay. Modulith deletes each
	 *     one as it completes ({@code spring.modulith.events.completion-mode=delete}); this only
	 *     sweeps those completed before that mode was set, or while it was set otherwise
	 */
	public record Retention(@DefaultValue("7d") Duration outgoingMail, @DefaultValue("7d") Duration completedEvents) {
	}

	public record Database(String url, String username, String password) {

		public boolean external() {
			return url != null && !url.isBlank();
		}
	}
}
