package org.homeroom.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class PagingTests {

	@Test
	void aMiddlePageLinksBothWaysAndKeepsTheFilters() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/students");
		request.addParameter("q", "C++ & co");
		request.addParameter("grade", "");
		request.addParameter("page", "1");

		Paging paging = Paging.of(request, 1, 25, 60, 25);

		assertThat(paging.first()).isEqualTo(26);
		assertThat(paging.last()).isEqualTo(50);
		assertThat(paging.previous()).isEqualTo("/students?q=C%2B%2B+%26+co");
		assertThat(paging.next()).isEqualTo("/students?q=C%2B%2B+%26+co&page=2");
	}

	@Test
	void theLastPageHasNoNextAndAnEmptyListShowsNothing() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/staff");

		assertThat(Paging.of(request, 2, 25, 60, 10).next()).isNull();
		assertThat(Paging.of(request, 0, 25, 0, 0)).satisfies(empty -> {
			assertThat(empty.first()).isZero();
			assertThat(empty.previous()).isNull();
			assertThat(empty.next()).isNull();
		});
	}
}
