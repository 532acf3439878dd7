package org.homeroom.platform;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Answers a request that Spring Security's firewall refuses (a {@code ;}, an encoded dot or slash
 * in the path, and the like) with 400 and the security headers of every other answer. The
 * firewall refuses before any filter chain runs, and the error page that follows is an error
 * dispatch, which the header filter skips; without this, that page would go out bare.
 */
@Component
class RejectedRequests implements RequestRejectedHandler {

	private static final Logger log = LoggerFactory.getLogger(RejectedRequests.class);

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException refusal)
			throws IOException {
		log.debug("Refused a request the firewall does not accept: {}", refusal.getMessage());
		SecurityHeaders.write(request, response);
		response.sendError(HttpStatus.BAD_REQUEST.value());
	}
}
