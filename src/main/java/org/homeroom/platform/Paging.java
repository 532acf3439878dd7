package org.homeroom.platform;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.StringJoiner;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where one page of a longer list stands, for the {@code fragments/pagination} template: which
 * items it shows of how many, and links to the pages before and after it. The links keep the rest
 * of the request's query, so that a filtered list stays filtered from page to page.
 *
 * @param first the position of the first item shown, from 1 (0 when there are none)
 * @param last the position of the last item shown
 * @param previous the link to the page before, or null on the first page
 * @param next the link to the page after, or null on the last page
 */
public record Paging(long first, long last, long total, String previous, String next) {

	/**
	 * The last page number any list accepts (see {@link PageNumberLimit}): a million pages of 50 is
	 * far beyond what anyone pages through, and keeps every offset well inside an {@code int}.
	 */
	public static final int MAX_PAGE = 1_000_000;

	/**
	 * @param page the page shown, from 0
	 * @param shown how many items it holds
	 */
	public static Paging of(HttpServletRequest request, int page, int size, long total, int shown) {
		long first = shown == 0 ? 0 : (long) page * size + 1;
		long last = (long) page * size + shown;
		return new Paging(first, last, total, page > 0 ? link(request, page - 1) : null,
				last < total ? link(request, page + 1) : null);
	}

	/** Encoded as a form encodes its fields, so that a search for "C++" does not come back as "C  ". */
	private static String link(HttpServletRequest request, int page) {
		StringJoiner query = new StringJoiner("&");
		request.getParameterMap().forEach((name, values) -> Arrays.stream(values)
			.filter(value -> !name.equals("page") && !value.isBlank())
			.forEach(value -> query.add(encode(name) + "=" + encode(value))));
		if (page > 0) {
			query.add("page=" + page);
		}
		return request.getRequestURI() + (query.length() == 0 ? "" : "?" + query);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
