package org.homeroom.messaging;

import java.util.Arrays;
import java.util.List;

import org.homeroom.translation.ReviewableCategories;
import org.springframework.stereotype.Component;

/** Tells the translation module the announcement categories a district may send for human review: all of them. */
@Component
class ReviewableAnnouncementCategories implements ReviewableCategories {

	@Override
	public List<String> names() {
		return Arrays.stream(Category.values()).map(Category::name).toList();
	}
}
