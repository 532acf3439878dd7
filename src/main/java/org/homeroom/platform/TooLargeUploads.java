package org.homeroom.platform;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers an API upload over the multipart limits ({@code spring.servlet.multipart.*}) with a 413
 * problem detail. Such a request is refused before any controller is chosen, so no controller
 * advice sees it; and the error page's own dispatch would read the same request again, be refused
 * again, and leave a 413 without a body. So the answer is written here, at once.
 */
@Component
class TooLargeUploads implements HandlerExceptionResolver, Ordered {

	private final JsonMapper json;

	TooLargeUploads(JsonMapper json) {
		this.json = json;
	}

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (!(ex instanceof MaxUploadSizeExceededException) || !request.getRequestURI().startsWith("/api/")
				|| response.isCommitted()) {
			return null;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"The request is larger than this server accepts");
		problem.setInstance(URI.create(request.getRequestURI()));
		try {
			response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			json.writeValue(response.getOutputStream(), problem);
		}
		catch (IOException | RuntimeException failed) {
			return null;
		}
		return new ModelAndView();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}
}
