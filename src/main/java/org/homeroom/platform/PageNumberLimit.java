package org.homeroom.platform;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Every paged list, on a page or the API, takes its page from the {@code page} parameter. Checked
 * here once so that no list can forget it: a page past the end of the list is an empty page (the
 * total still says how many there are), but a number beyond {@link Paging#MAX_PAGE} is no page
 * anyone reaches by paging, and would make the offset overflow; it answers 400 naming
 * {@code page}, as does a negative number.
 */
@Component
class PageNumberLimit implements HandlerInterceptor {

	static final String PARAMETER = "page";

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String page = request.getParameter(PARAMETER);
		if (page != null && !page.isBlank() && !withinLimit(page.strip())) {
			String message = "must be a whole number from 0 to " + Paging.MAX_PAGE;
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, PARAMETER + ": " + message);
			problem.setTitle("Invalid request");
			problem.setProperty("errors", List.of(Map.of("field", PARAMETER, "message", message)));
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
		}
		return true;
	}

	private static boolean withinLimit(String page) {
		try {
			int number = Integer.parseInt(page);
			return number >= 0 && number <= Paging.MAX_PAGE;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}
}
