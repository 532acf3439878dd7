package org.homeroom.translation.engines;

import java.net.URI;

/** Where an engine's text goes, for the administrator: scheme, host and port, never a path's key or query. */
final class Destinations {

	private Destinations() {
	}

	static String of(String url) {
		URI uri = URI.create(url);
		return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
	}
}
